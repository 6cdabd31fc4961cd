import { Routes } from '@angular/router';

export const programmeRoutes: Routes = [
  {
    path: '',
    title: 'Programmes',
    loadComponent: () => import('./programmes-list.page').then((m) => m.ProgrammesListPage),
  },
  {
    path: ':id/settings',
    title: 'Programme settings',
    loadComponent: () => import('./programme-settings.page').then((m) => m.ProgrammeSettingsPage),
  },
  {
    path: ':id/questionnaires',
    title: 'Questionnaires',
    loadComponent: () => import('./questionnaires.page').then((m) => m.QuestionnairesPage),
  },
  {
    path: ':id/questionnaires/:stage',
    title: 'Edit questions',
    loadComponent: () => import('./questionnaire-editor.page').then((m) => m.QuestionnaireEditorPage),
  },
];
