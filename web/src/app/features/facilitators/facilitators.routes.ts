import { Routes } from '@angular/router';

export const facilitatorRoutes: Routes = [
  {
    path: '',
    title: 'Facilitators',
    loadComponent: () => import('./facilitators-list.page').then((m) => m.FacilitatorsListPage),
  },
  {
    path: 'new',
    title: 'Add a facilitator',
    loadComponent: () => import('./facilitator-form.page').then((m) => m.FacilitatorFormPage),
  },
  {
    path: ':id/edit',
    title: 'Edit facilitator',
    loadComponent: () => import('./facilitator-form.page').then((m) => m.FacilitatorFormPage),
  },
];
