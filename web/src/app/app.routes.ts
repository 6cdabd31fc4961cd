import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth/guards';

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
