import { Routes } from '@angular/router';

export const governanceRoutes: Routes = [
  {
    path: '',
    title: 'Programme review',
    loadComponent: () => import('./governance.page').then((m) => m.GovernancePage),
  },
  {
    path: 'reviews/new',
    title: 'Add a review period',
    loadComponent: () => import('./review-form.page').then((m) => m.ReviewFormPage),
  },
  {
    path: 'reviews/:reviewId/areas/:area',
    title: 'Rate an area',
    loadComponent: () => import('./rating-form.page').then((m) => m.RatingFormPage),
  },
  {
    path: 'actions/new',
    title: 'Add an action',
    loadComponent: () => import('./action-form.page').then((m) => m.ActionFormPage),
  },
  {
    path: 'actions/:actionId/edit',
    title: 'Edit action',
    loadComponent: () => import('./action-form.page').then((m) => m.ActionFormPage),
  },
];
