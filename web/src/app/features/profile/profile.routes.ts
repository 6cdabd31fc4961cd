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
    path: 'equality',
    title: 'Equality monitoring',
    loadComponent: () => import('./equality.page').then((m) => m.EqualityPage),
  },
];
