import { Routes } from '@angular/router';
import { authGuard, guestGuard, roleGuard, signedInMatch, signedOutMatch } from './core/auth/guards';

export const appRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'The Active Bystander Programme',
    canMatch: [signedOutMatch],
    loadComponent: () => import('./features/start/start.page').then((m) => m.StartPage),
  },
  {
    path: '',
    pathMatch: 'full',
    title: 'Home',
    canMatch: [signedInMatch],
    loadComponent: () => import('./features/home/home.page').then((m) => m.HomePage),
  },
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/login.page').then((m) => m.LoginPage),
  },
  {
    // Where a refused single sign-on lands (the API's callback names the reason).
    path: 'sign-in-problem',
    title: 'There is a problem signing you in',
    loadComponent: () => import('./features/auth/sign-in-problem.page').then((m) => m.SignInProblemPage),
  },
  {
    path: 'register',
    title: 'Create an account',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/register.page').then((m) => m.RegisterPage),
  },
  {
    // Not guest-only: the link in an email must work whoever is signed in on this browser.
    path: 'activate',
    title: 'Activate your account',
    loadComponent: () => import('./features/auth/activate.page').then((m) => m.ActivatePage),
  },
  {
    path: 'forgot-password',
    title: 'Forgotten your password',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
  {
    // Not guest-only: the link in an email must work whoever is signed in on this browser.
    path: 'reset-password',
    title: 'Set your password',
    loadComponent: () => import('./features/auth/reset-password.page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'cohorts/open',
    title: 'Open cohorts',
    loadComponent: () => import('./features/open-cohorts/open-cohorts.page').then((m) => m.OpenCohortsPage),
  },
  {
    path: 'approvals/:token',
    title: 'Approve a place',
    loadComponent: () => import('./features/approvals/approval.page').then((m) => m.ApprovalPage),
  },
  {
    path: 'journey',
    title: 'My journey',
    canActivate: [roleGuard('delegate')],
    loadComponent: () => import('./features/journey/journey.page').then((m) => m.JourneyPage),
  },
  {
    path: 'journey/questionnaires/:stage',
    title: 'Questionnaire',
    canActivate: [roleGuard('delegate')],
    loadComponent: () =>
      import('./features/questionnaires/questionnaire.page').then((m) => m.QuestionnairePage),
  },
  {
    path: 'journey/session-feedback/:sessionId',
    title: 'Session feedback',
    canActivate: [roleGuard('delegate')],
    loadComponent: () =>
      import('./features/questionnaires/session-feedback.page').then((m) => m.SessionFeedbackPage),
  },
  {
    path: 'profile',
    canActivate: [authGuard],
    loadChildren: () => import('./features/profile/profile.routes').then((m) => m.profileRoutes),
  },
  {
    path: 'check-in',
    title: 'Check in',
    canActivate: [roleGuard('delegate')],
    loadComponent: () => import('./features/check-in/check-in.page').then((m) => m.CheckInPage),
  },
  {
    path: 'community',
    title: 'Community of Practice',
    canActivate: [roleGuard('delegate', 'facilitator', 'programme-lead')],
    loadComponent: () => import('./features/community/community.page').then((m) => m.CommunityPage),
  },
  {
    path: 'manager',
    title: 'My team',
    canActivate: [roleGuard('line-manager')],
    loadComponent: () => import('./features/manager/manager.page').then((m) => m.ManagerPage),
  },
  {
    path: 'manager/approve',
    title: 'Approve places',
    canActivate: [roleGuard('line-manager')],
    loadComponent: () =>
      import('./features/manager/approve-selected.page').then((m) => m.ApproveSelectedPage),
  },
  {
    path: 'sponsor',
    title: 'Our delegates',
    canActivate: [roleGuard('sponsor')],
    loadComponent: () => import('./features/sponsor/sponsor.page').then((m) => m.SponsorPage),
  },
  {
    path: 'impact',
    title: 'Impact',
    canActivate: [roleGuard('steering', 'programme-lead', 'sponsor')],
    loadComponent: () => import('./features/impact/impact.page').then((m) => m.ImpactPage),
  },
  {
    path: 'governance',
    canActivate: [roleGuard('steering', 'programme-lead')],
    loadChildren: () => import('./features/governance/governance.routes').then((m) => m.governanceRoutes),
  },
  {
    path: 'sessions/:id/register',
    title: 'Register',
    canActivate: [roleGuard('programme-lead', 'facilitator')],
    loadComponent: () =>
      import('./features/register/session-register.page').then((m) => m.SessionRegisterPage),
  },
  {
    path: 'sessions/:id/community-attendance',
    title: 'Who came',
    canActivate: [roleGuard('programme-lead', 'facilitator')],
    loadComponent: () =>
      import('./features/register/community-attendance.page').then((m) => m.CommunityAttendancePage),
  },
  {
    path: 'organisations',
    canActivate: [authGuard],
    loadChildren: () =>
      import('./features/organisations/organisations.routes').then((m) => m.organisationRoutes),
  },
  {
    path: 'cohorts',
    canActivate: [roleGuard('programme-lead', 'facilitator')],
    loadChildren: () => import('./features/cohorts/cohorts.routes').then((m) => m.cohortRoutes),
  },
  {
    path: 'calendar',
    title: 'Calendar',
    canActivate: [roleGuard('programme-lead', 'facilitator')],
    loadComponent: () => import('./features/calendar/calendar.page').then((m) => m.CalendarPage),
  },
  {
    path: 'my-sessions',
    title: 'My sessions',
    canActivate: [roleGuard('facilitator')],
    loadComponent: () => import('./features/my-sessions/my-sessions.page').then((m) => m.MySessionsPage),
  },
  {
    path: 'session-feedback',
    title: 'Session feedback',
    canActivate: [roleGuard('programme-lead', 'facilitator')],
    loadComponent: () =>
      import('./features/session-feedback-results/session-feedback-results.page').then(
        (m) => m.SessionFeedbackResultsPage,
      ),
  },
  {
    path: 'facilitators',
    canActivate: [roleGuard('programme-lead')],
    loadChildren: () =>
      import('./features/facilitators/facilitators.routes').then((m) => m.facilitatorRoutes),
  },
  {
    path: 'venues',
    canActivate: [roleGuard('programme-lead')],
    loadChildren: () => import('./features/venues/venues.routes').then((m) => m.venueRoutes),
  },
  {
    path: 'programmes',
    canActivate: [roleGuard('programme-lead')],
    loadChildren: () => import('./features/programmes/programmes.routes').then((m) => m.programmeRoutes),
  },
  {
    path: 'admin',
    canActivate: [roleGuard('programme-lead')],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.adminRoutes),
  },
  {
    path: 'imports',
    title: 'Import data',
    canActivate: [roleGuard('programme-lead')],
    loadComponent: () => import('./features/imports/imports.page').then((m) => m.ImportsPage),
  },
  {
    path: 'imports/question-codes',
    title: 'Question codes',
    canActivate: [roleGuard('programme-lead')],
    loadComponent: () => import('./features/imports/question-codes.page').then((m) => m.QuestionCodesPage),
  },
  {
    path: 'admin/erasure-requests',
    title: 'Requests to erase data',
    canActivate: [roleGuard('programme-lead')],
    loadComponent: () => import('./features/admin/erasure-requests.page').then((m) => m.ErasureRequestsPage),
  },
  {
    path: 'mailbox',
    title: 'Mailbox',
    canActivate: [roleGuard('programme-lead')],
    loadComponent: () => import('./features/mailbox/mailbox.page').then((m) => m.MailboxPage),
  },
  {
    path: 'privacy',
    title: 'Privacy notice',
    loadComponent: () => import('./features/legal/privacy.page').then((m) => m.PrivacyPage),
  },
  {
    path: 'cookies',
    title: 'Cookies',
    loadComponent: () => import('./features/legal/cookies.page').then((m) => m.CookiesPage),
  },
  {
    path: 'accessibility',
    title: 'Accessibility statement',
    loadComponent: () => import('./features/legal/accessibility.page').then((m) => m.AccessibilityPage),
  },
  {
    path: 'access-denied',
    title: 'You do not have access',
    loadComponent: () => import('./features/errors/access-denied.page').then((m) => m.AccessDeniedPage),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./features/errors/not-found.page').then((m) => m.NotFoundPage),
  },
];
