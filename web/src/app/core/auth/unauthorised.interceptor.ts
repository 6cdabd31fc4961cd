import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AUTH_LOGIN_URL, AUTH_ME_URL } from '../api/auth-api.service';
import { SessionService } from './session.service';

/** URLs whose 401 is an answer, not an expired session. */
const EXPECTED_401 = [AUTH_ME_URL, AUTH_LOGIN_URL];

/** When the session has expired (401 from any other call) forget the user and go to the sign-in page. */
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
      return throwError(() => error);
    }),
  );
};
