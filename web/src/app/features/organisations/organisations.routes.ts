import { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/guards';

export const organisationRoutes: Routes = [
  {
    path: '',
    title: 'Organisations',
    loadComponent: () => import('./organisations-list.page').then((m) => m.OrganisationsListPage),
  },
  {
    path: 'new',
    title: 'Add an organisation',
    canActivate: [roleGuard('programme-lead')],
    loadComponent: () => import('./organisation-form.page').then((m) => m.OrganisationFormPage),
  },
  {
    path: ':id/edit',
    title: 'Edit organisation',
    canActivate: [roleGuard('programme-lead')],
    loadComponent: () => import('./organisation-form.page').then((m) => m.OrganisationFormPage),
  },
];
