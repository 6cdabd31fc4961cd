import { Routes } from '@angular/router';

export const adminRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  {
    path: 'users',
    title: 'Users',
    loadComponent: () => import('./users-list.page').then((m) => m.UsersListPage),
  },
  {
    path: 'users/new',
    title: 'Invite a user',
    loadComponent: () => import('./user-invite.page').then((m) => m.UserInvitePage),
  },
  {
    path: 'users/:id',
    title: 'User',
    loadComponent: () => import('./user.page').then((m) => m.UserPage),
  },
  {
    path: 'audit',
    title: 'Audit log',
    loadComponent: () => import('./audit-log.page').then((m) => m.AuditLogPage),
  },
];
