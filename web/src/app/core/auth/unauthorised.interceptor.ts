import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { SECOND_FACTOR_SETUP_REQUIRED, SINGLE_SIGN_ON_LINK_REQUIRED } from '@upstand/contracts';
import { catchError, throwError } from 'rxjs';
import { AUTH_LOGIN_SECOND_FACTOR_URL, AUTH_LOGIN_URL, AUTH_ME_URL } from '../api/auth-api.service';
import { SessionService } from './session.service';

/** The page where people set up two-step verification and link single sign-on. */
export const SECURITY_PAGE = '/profile/sign-in';

/** URLs whose 401 is an answer, not an expired session. */
const EXPECTED_401 = [AUTH_ME_URL, AUTH_LOGIN_URL, AUTH_LOGIN_SECOND_FACTOR_URL];

/**
 * When the session has expired (401 from any other call) forget the user and go to the sign-in page; when a
 * second factor must be set up first, go to the page that does it.
 */
export const unauthorisedInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionService);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      const path = request.url.split('?')[0];
      if (error instanceof HttpErrorResponse && error.status === 401 && !EXPECTED_401.includes(path)) {
        session.clear();
        const current = router.url;
        if (!current.startsWith('/login')) {
          void router.navigate(['/login'], {
            queryParams: current && current !== '/' ? { returnUrl: current } : {},
          });
        }
      }
      // Staff who must set up two-step verification (MFA_REQUIRED_FOR_STAFF) or link single sign-on
      // (OIDC_REQUIRED_DOMAINS) first: take them to the page where they can.
      if (
        error instanceof HttpErrorResponse &&
        error.status === 403 &&
        [SECOND_FACTOR_SETUP_REQUIRED, SINGLE_SIGN_ON_LINK_REQUIRED].includes(error.error?.message) &&
        !router.url.startsWith(SECURITY_PAGE)
      ) {
        void router.navigate([SECURITY_PAGE]);
      }
      return throwError(() => error);
    }),
  );
};
