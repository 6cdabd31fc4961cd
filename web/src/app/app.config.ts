import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { appRoutes } from './app.routes';
import { SessionService } from './core/auth/session.service';
import { FeaturesService } from './core/features.service';
import { unauthorisedInterceptor } from './core/auth/unauthorised.interceptor';
import { PageTitleStrategy } from './core/page-title.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
      withInterceptors([unauthorisedInterceptor]),
    ),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      // A link with a fragment (a list's next page) opens at that element; anything else at the top.
      withInMemoryScrolling({ scrollPositionRestoration: 'top', anchorScrolling: 'enabled' }),
    ),
    { provide: TitleStrategy, useExisting: PageTitleStrategy },
    provideAppInitializer(() =>
      Promise.all([inject(SessionService).load(), inject(FeaturesService).load()]).then(() => undefined),
    ),
  ],
};
