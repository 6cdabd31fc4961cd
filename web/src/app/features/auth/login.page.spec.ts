import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { signInAs, user } from '../../../testing/fixtures';
import { SessionService } from '../../core/auth/session.service';
import { FeaturesService } from '../../core/features.service';
import { LoginPage } from './login.page';

async function render(returnUrl?: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(null);
  const fixture = TestBed.createComponent(LoginPage);
  if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const http = TestBed.inject(HttpTestingController);
  const navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

  const type = (id: string, value: string) => {
    const input = element.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`No input #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    const button = Array.from(element.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Sign in',
    );
    button?.click();
    await fixture.whenStable();
  };
  return { fixture, element, http, navigateByUrl, type, submit };
}

describe('LoginPage', () => {
  it('shows "Email or password is incorrect" in a focused error summary when the API answers 401', async () => {
    const { fixture, element, http, type, submit, navigateByUrl } = await render();
    type('email', 'sam@example.nhs.uk');
    type('password', 'wrong password');
    await submit();

    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'sam@example.nhs.uk', password: 'wrong password' });
    request.flush(
      { statusCode: 401, error: 'Unauthorized', message: 'Email or password is incorrect' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();

    const summary = element.querySelector<HTMLElement>('.nhsuk-error-summary');
    expect(summary?.textContent).toContain('There is a problem');
    expect(summary?.textContent).toContain('Email or password is incorrect');
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#email');
    expect(document.activeElement).toBe(summary);
    expect(navigateByUrl).not.toHaveBeenCalled();
    expect(TestBed.inject(SessionService).isLoggedIn()).toBe(false);
    expect(element.querySelector<HTMLInputElement>('#password')?.value).toBe('');
  });

  it('explains throttling when the API answers 429', async () => {
    const { fixture, element, http, type, submit } = await render();
    type('email', 'sam@example.nhs.uk');
    type('password', 'wrong password');
    await submit();
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 429, message: 'ThrottlerException: Too Many Requests' },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'Too many attempts. Wait 15 minutes and try again',
    );
  });

  it('asks for both fields before calling the API, with inline errors linked to the inputs', async () => {
    const { element, http, submit } = await render();
    await submit();
    http.expectNone('/api/auth/login');

    const links = Array.from(element.querySelectorAll('.nhsuk-error-summary a')).map((a) => [
      a.getAttribute('href'),
      a.textContent?.trim(),
    ]);
    expect(links).toEqual([
      ['#email', 'Enter your email address'],
      ['#password', 'Enter your password'],
    ]);
    const email = element.querySelector('#email');
    expect(email?.getAttribute('aria-describedby')).toBe('email-error');
    expect(element.querySelector('#email-error')?.textContent).toContain('Enter your email address');
    expect(email?.closest('.nhsuk-form-group')?.classList).toContain('nhsuk-form-group--error');
  });

  it('signs in and goes back to the page the user asked for', async () => {
    const { fixture, http, type, submit, navigateByUrl } = await render('/organisations?q=leic');
    type('email', ' sam@example.nhs.uk ');
    type('password', 'correct horse battery');
    await submit();
    http.expectOne('/api/auth/login').flush(user(['programme-lead']));
    await fixture.whenStable();

    expect(TestBed.inject(SessionService).user()?.fullName).toBe('Sam Patel');
    expect(navigateByUrl).toHaveBeenCalledWith('/organisations?q=leic');
  });

  it('links to "Forgotten your password?"', async () => {
    const { element } = await render();
    const link = Array.from(element.querySelectorAll('a')).find(
      (a) => a.textContent?.trim() === 'Forgotten your password?',
    );
    expect(link?.getAttribute('href')).toBe('/forgot-password');
  });

  it('ignores a return address on another site', async () => {
    const { fixture, http, type, submit, navigateByUrl } = await render('//evil.example.com');
    type('email', 'sam@example.nhs.uk');
    type('password', 'correct horse battery');
    await submit();
    http.expectOne('/api/auth/login').flush(user(['delegate']));
    await fixture.whenStable();
    expect(navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('offers "Sign in with <provider>" as a secondary button when single sign-on is set up', async () => {
    const { element, fixture } = await render('/cohorts');
    expect(element.querySelector('[data-testid="sso-button"]')).toBeNull();
    TestBed.inject(FeaturesService).set({ sso: { displayName: 'NHSmail' } });
    await fixture.whenStable();
    const button = element.querySelector<HTMLAnchorElement>('[data-testid="sso-button"]');
    expect(button?.textContent?.trim()).toBe('Sign in with NHSmail');
    expect(button?.classList).toContain('nhsuk-button--secondary');
    expect(button?.getAttribute('href')).toBe('/api/auth/oidc/login?returnUrl=%2Fcohorts');
  });

  it('asks for the one-time code after the password when the account has two-step verification', async () => {
    const { fixture, element, http, type, submit, navigateByUrl } = await render('/cohorts');
    type('email', 'lead@example.nhs.uk');
    type('password', 'correct horse battery');
    await submit();
    http.expectOne('/api/auth/login').flush({ secondFactorRequired: true, token: 't'.repeat(43) });
    await fixture.whenStable();

    expect(TestBed.inject(SessionService).isLoggedIn()).toBe(false);
    expect(element.querySelector('h1')?.textContent).toBe('Enter your code');
    const code = element.querySelector<HTMLInputElement>('#code');
    expect(code?.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code?.getAttribute('inputmode')).toBe('numeric');

    type('code', '123 456');
    const continueButton = Array.from(element.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Continue',
    );
    continueButton?.click();
    await fixture.whenStable();
    const wrong = http.expectOne('/api/auth/login/second-factor');
    expect(wrong.request.body).toEqual({ token: 't'.repeat(43), code: '123 456' });
    wrong.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Enter the current 6-digit code',
        errors: [{ field: 'code', message: 'Enter the current 6-digit code' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary a')?.getAttribute('href')).toBe('#code');
    expect(navigateByUrl).not.toHaveBeenCalled();

    type('code', '654321');
    continueButton?.click();
    await fixture.whenStable();
    http.expectOne('/api/auth/login/second-factor').flush(user(['programme-lead']));
    await fixture.whenStable();
    expect(TestBed.inject(SessionService).isLoggedIn()).toBe(true);
    expect(navigateByUrl).toHaveBeenCalledWith('/cohorts');
  });
});
