import { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/guards';

export const profileRoutes: Routes = [
  {
    path: '',
    title: 'Your delegate profile',
    canActivate: [roleGuard('delegate')],
    loadComponent: () => import('./profile.page').then((m) => m.ProfilePage),
  },
  {
    // Anyone signed in may see what is held about them, not only delegates.
    path: 'my-data',
    title: 'Your data',
    loadComponent: () => import('./my-data.page').then((m) => m.MyDataPage),
  },
  {
    // Everyone signed in: two-step verification and linked single sign-on.
    path: 'sign-in',
    title: 'Sign-in and security',
    loadComponent: () => import('./sign-in-security.page').then((m) => m.SignInSecurityPage),
  },
  {
    path: 'equality',
    title: 'Equality monitoring',
    loadComponent: () => import('./equality.page').then((m) => m.EqualityPage),
  },
];
