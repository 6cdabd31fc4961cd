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
    path: 'equality',
    title: 'Equality monitoring',
    loadComponent: () => import('./equality.page').then((m) => m.EqualityPage),
  },
];
