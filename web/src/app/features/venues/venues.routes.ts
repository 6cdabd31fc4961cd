import { Routes } from '@angular/router';

export const venueRoutes: Routes = [
  {
    path: '',
    title: 'Venues',
    loadComponent: () => import('./venues-list.page').then((m) => m.VenuesListPage),
  },
  {
    path: 'new',
    title: 'Add a venue',
    loadComponent: () => import('./venue-form.page').then((m) => m.VenueFormPage),
  },
  {
    path: ':id/edit',
    title: 'Edit venue',
    loadComponent: () => import('./venue-form.page').then((m) => m.VenueFormPage),
  },
];
