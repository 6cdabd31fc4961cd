import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  CanActivateFn,
  CanMatchFn,
  provideRouter,
  RedirectCommand,
  Route,
  Router,
  RouterStateSnapshot,
  UrlTree,
} from '@angular/router';
import { signInAs, user } from '../../../testing/fixtures';
import { authGuard, guestGuard, roleGuard, signedInMatch, signedOutMatch } from './guards';

function run(guard: CanActivateFn, url: string) {
  const injector = TestBed.inject(EnvironmentInjector);
  return runInInjectionContext(injector, () =>
    guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
  );
}

describe('route guards', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  const serialise = (result: unknown) => TestBed.inject(Router).serializeUrl(result as UrlTree);

  describe('roleGuard', () => {
    it('lets a programme lead open a programme-lead page', async () => {
      await signInAs(user(['delegate', 'programme-lead']));
      expect(run(roleGuard('programme-lead'), '/organisations/new')).toBe(true);
    });

    it('shows "You do not have access" to a user without the role, keeping the address', async () => {
      await signInAs(user(['delegate']));
      const result = run(roleGuard('programme-lead'), '/organisations/new');
      expect(result).toBeInstanceOf(RedirectCommand);
      const command = result as RedirectCommand;
      expect(serialise(command.redirectTo)).toBe('/access-denied');
      expect(command.navigationBehaviorOptions?.skipLocationChange).toBe(true);
    });

    it('accepts any one of several roles', async () => {
      await signInAs(user(['facilitator']));
      expect(run(roleGuard('programme-lead', 'facilitator'), '/x')).toBe(true);
    });

    it('sends a signed-out visitor to sign in, remembering the page', async () => {
      await signInAs(null);
      const result = run(roleGuard('programme-lead'), '/organisations/new');
      expect(serialise(result)).toBe('/login?returnUrl=%2Forganisations%2Fnew');
    });
  });

  describe('authGuard', () => {
    it('lets a signed-in user through', async () => {
      await signInAs(user(['delegate']));
      expect(run(authGuard, '/')).toBe(true);
    });

    it('redirects a signed-out visitor to /login with the return address', async () => {
      await signInAs(null);
      expect(serialise(run(authGuard, '/organisations?q=leic'))).toBe(
        '/login?returnUrl=%2Forganisations%3Fq%3Dleic',
      );
      expect(serialise(run(authGuard, '/'))).toBe('/login');
    });
  });

  describe('guestGuard', () => {
    it('sends a signed-in user from the sign-in page to the homepage', async () => {
      await signInAs(user(['delegate']));
      expect(serialise(run(guestGuard, '/login'))).toBe('/');
    });
  });

  describe('the start page and the home page at /', () => {
    const matches = (guard: CanMatchFn) =>
      runInInjectionContext(TestBed.inject(EnvironmentInjector), () => guard({} as Route, []));

    it('shows the start page to a signed-out visitor', async () => {
      await signInAs(null);
      expect(matches(signedOutMatch)).toBe(true);
      expect(matches(signedInMatch)).toBe(false);
    });

    it('shows everyone signed in, delegates too, the home page of their roles', async () => {
      for (const roles of [['delegate'], ['delegate', 'facilitator'], ['line-manager']] as const) {
        await signInAs(user([...roles]));
        expect(matches(signedOutMatch)).toBe(false);
        expect(matches(signedInMatch)).toBe(true);
      }
    });
  });
});
