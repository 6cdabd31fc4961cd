import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, RedirectCommand, Router, UrlTree } from '@angular/router';
import { Role } from '@upstand/contracts';
import { SessionService } from './session.service';

function loginRedirect(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree(['/login'], {
    queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {},
  });
}

/** Lets signed-in users through; sends everyone else to the sign-in page, remembering where they were going. */
export const authGuard: CanActivateFn = (_route, state) => {
  const session = inject(SessionService);
  return session.isLoggedIn() ? true : loginRedirect(inject(Router), state.url);
};

/** Keeps signed-in users away from the sign-in and registration pages. */
export const guestGuard: CanActivateFn = () => {
  const session = inject(SessionService);
  return session.isLoggedIn() ? inject(Router).createUrlTree(['/']) : true;
};

/**
 * Lets through users holding at least one of the roles. Others see the "You do not have access" page at the same
 * address; signed-out users go to sign in first.
 */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return (_route, state) => {
    const session = inject(SessionService);
    const router = inject(Router);
    if (!session.isLoggedIn()) return loginRedirect(router, state.url);
    if (session.hasAnyRole(roles)) return true;
    return new RedirectCommand(router.parseUrl('/access-denied'), { skipLocationChange: true });
  };
}

/**
 * Which page `/` shows: the public start page (what the programme is, the open cohorts, how to join) to someone
 * signed out; the home page of their roles, with their next actions, to someone signed in.
 */
export const signedOutMatch: CanMatchFn = () => !inject(SessionService).isLoggedIn();
export const signedInMatch: CanMatchFn = () => inject(SessionService).isLoggedIn();
