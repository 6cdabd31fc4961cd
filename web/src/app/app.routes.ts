import { Routes } from '@angular/router';
import { authGuard, guestGuard, roleGuard } from './core/auth/guards';

export const appRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Home',
    canActivate: [authGuard],
    loadComponent: () => import('./features/home/home.page').then((m) => m.HomePage),
  },
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'Create an account',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/register.page').then((m) => m.RegisterPage),
  },
  {
    path: 'organisations',
    canActivate: [authGuard],
    loadChildren: () =>
      import('./features/organisations/organisations.routes').then((m) => m.organisationRoutes),
  },
  {
    path: 'cohorts',
    canActivate: [roleGuard('programme-lead', 'facilitator')],
    loadChildren: () => import('./features/cohorts/cohorts.routes').then((m) => m.cohortRoutes),
  },
  {
    path: 'calendar',
    title: 'Calendar',
    canActivate: [roleGuard('programme-lead', 'facilitator')],
    loadComponent: () => import('./features/calendar/calendar.page').then((m) => m.CalendarPage),
  },
  {
    path: 'my-sessions',
    title: 'My sessions',
    canActivate: [roleGuard('facilitator')],
    loadComponent: () => import('./features/my-sessions/my-sessions.page').then((m) => m.MySessionsPage),
  },
  {
    path: 'facilitators',
    canActivate: [roleGuard('programme-lead')],
    loadChildren: () =>
      import('./features/facilitators/facilitators.routes').then((m) => m.facilitatorRoutes),
  },
  {
    path: 'venues',
    canActivate: [roleGuard('programme-lead')],
    loadChildren: () => import('./features/venues/venues.routes').then((m) => m.venueRoutes),
  },
  {
    path: 'access-denied',
    title: 'You do not have access',
    loadComponent: () => import('./features/errors/access-denied.page').then((m) => m.AccessDeniedPage),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./features/errors/not-found.page').then((m) => m.NotFoundPage),
  },
];
