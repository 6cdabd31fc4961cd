import { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/guards';

const lead = roleGuard('programme-lead');

export const cohortRoutes: Routes = [
  {
    path: '',
    title: 'Cohorts',
    loadComponent: () => import('./cohorts-list.page').then((m) => m.CohortsListPage),
  },
  {
    path: 'new',
    title: 'Create a cohort',
    canActivate: [lead],
    loadComponent: () => import('./cohort-wizard.page').then((m) => m.CohortWizardPage),
  },
  {
    path: ':id',
    title: 'Cohort',
    loadComponent: () => import('./cohort.page').then((m) => m.CohortPage),
  },
  {
    path: ':id/edit',
    title: 'Change cohort details',
    canActivate: [lead],
    loadComponent: () => import('./cohort-edit.page').then((m) => m.CohortEditPage),
  },
  {
    path: ':id/add',
    title: 'Add a delegate',
    canActivate: [lead],
    loadComponent: () => import('./cohort-add-delegate.page').then((m) => m.CohortAddDelegatePage),
  },
  {
    path: ':cohortId/bulk',
    title: 'Change several delegates',
    canActivate: [lead],
    loadComponent: () => import('./cohort-bulk.page').then((m) => m.CohortBulkPage),
  },
  {
    path: ':cohortId/enrolments/:enrolmentId/withdraw',
    title: 'Withdraw a delegate',
    canActivate: [lead],
    loadComponent: () => import('./enrolment-withdraw.page').then((m) => m.EnrolmentWithdrawPage),
  },
  {
    path: ':cohortId/sessions/:sessionId/move',
    title: 'Move a session',
    canActivate: [lead],
    loadComponent: () => import('./session-move.page').then((m) => m.SessionMovePage),
  },
  {
    path: ':cohortId/sessions/:sessionId/cancel',
    title: 'Cancel a session',
    canActivate: [lead],
    loadComponent: () => import('./session-cancel.page').then((m) => m.SessionCancelPage),
  },
  {
    path: ':cohortId/sessions/:sessionId/facilitators',
    title: 'Choose facilitators',
    canActivate: [lead],
    loadComponent: () => import('./session-facilitators.page').then((m) => m.SessionFacilitatorsPage),
  },
  {
    path: ':cohortId/sessions/:sessionId/place',
    title: 'Change where a session happens',
    canActivate: [lead],
    loadComponent: () => import('./session-place.page').then((m) => m.SessionPlacePage),
  },
  {
    path: ':cohortId/enrolments/:enrolmentId/transfer',
    title: 'Transfer a delegate',
    canActivate: [lead],
    loadComponent: () => import('./enrolment-transfer.page').then((m) => m.EnrolmentTransferPage),
  },
];
