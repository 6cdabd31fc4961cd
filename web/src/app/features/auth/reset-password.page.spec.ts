import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { signInAs, user } from '../../../testing/fixtures';
import { SessionService } from '../../core/auth/session.service';
import { ResetPasswordPage } from './reset-password.page';

const TOKEN = 'k3Xb0XW0bM5x3s3tG3r4nd0mT0k3nW1th43Ch4rs0k';
const LINK_UNUSABLE = 'This link has expired or has already been used — ask for a new one';

async function render(token: string | null = TOKEN, signedIn = false) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(signedIn ? user(['delegate']) : null);
  const fixture = TestBed.createComponent(ResetPasswordPage);
  if (token) fixture.componentRef.setInput('token', token);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const http = TestBed.inject(HttpTestingController);
  const type = (id: string, value: string) => {
    const input = element.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`No input #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    const button = Array.from(element.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Set password',
    );
    button?.click();
    await fixture.whenStable();
  };
  const summary = () =>
    Array.from(element.querySelectorAll('.nhsuk-error-summary li')).map((item) => [
      item.querySelector('a')?.getAttribute('href') ?? null,
      item.textContent?.trim(),
    ]);
  return { fixture, element, http, type, submit, summary };
}

describe('ResetPasswordPage', () => {
  it('sets the password with the token from the link, then says so and offers to sign in', async () => {
    const { fixture, element, http, type, submit } = await render();
    expect(element.querySelector('h1')?.textContent).toBe('Set your password');
    type('password', 'a brand new password');
    type('confirmPassword', 'a brand new password');
    await submit();

    const request = http.expectOne('/api/auth/password-reset/complete');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ token: TOKEN, password: 'a brand new password' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      'Your password has been set',
    );
    expect(element.querySelector('h1')?.textContent).toBe('Sign in with your new password');
    expect(element.querySelector('[data-testid="sign-in-link"]')?.getAttribute('href')).toBe('/login');
    expect(element.querySelector('#password')).toBeNull();
  });

  it('names the fields in the error summary when the passwords are too short or differ', async () => {
    const { element, http, type, submit, summary } = await render();
    await submit();
    expect(summary()).toEqual([
      ['#password', 'Enter a password'],
      ['#confirmPassword', 'Enter your password again'],
    ]);
    type('password', 'short');
    type('confirmPassword', 'shorter');
    await submit();
    expect(summary()).toEqual([
      ['#password', 'Password must be 10 characters or more'],
      ['#confirmPassword', 'Passwords do not match'],
    ]);
    http.expectNone('/api/auth/password-reset/complete');
    expect(element.querySelector('#password-error')?.textContent).toContain(
      'Password must be 10 characters or more',
    );
    expect(document.activeElement).toBe(element.querySelector('.nhsuk-error-summary'));
  });

  it('says when the link has expired or been used, and offers a new one', async () => {
    const { fixture, element, http, type, submit, summary } = await render();
    type('password', 'a brand new password');
    type('confirmPassword', 'a brand new password');
    await submit();
    http.expectOne('/api/auth/password-reset/complete').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: LINK_UNUSABLE,
        errors: [{ field: 'token', message: LINK_UNUSABLE }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(summary()).toEqual([[null, LINK_UNUSABLE]]);
    expect(element.querySelector('[data-testid="link-refused"] a')?.getAttribute('href')).toBe(
      '/forgot-password',
    );
  });

  it('shows the server’s password error on the field', async () => {
    const { fixture, http, type, submit, summary } = await render();
    type('password', 'a brand new password');
    type('confirmPassword', 'a brand new password');
    await submit();
    http.expectOne('/api/auth/password-reset/complete').flush(
      {
        statusCode: 400,
        message: 'password must be at least 10 characters',
        errors: [{ field: 'password', message: 'password must be at least 10 characters' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(summary()).toEqual([['#password', 'password must be at least 10 characters']]);
  });

  it('explains a link without its token instead of showing the form', async () => {
    const { element } = await render(null);
    expect(element.querySelector('h1')?.textContent).toBe('This link is not complete');
    expect(element.querySelector('#password')).toBeNull();
    expect(element.querySelector('a[href="/forgot-password"]')).not.toBeNull();
  });

  it('forgets a signed-in user whose sessions the new password ended', async () => {
    const { fixture, http, type, submit } = await render(TOKEN, true);
    const session = TestBed.inject(SessionService);
    expect(session.isLoggedIn()).toBe(true);
    type('password', 'a brand new password');
    type('confirmPassword', 'a brand new password');
    await submit();
    http
      .expectOne('/api/auth/password-reset/complete')
      .flush(null, { status: 204, statusText: 'No Content' });
    http.expectOne('/api/auth/me').flush({}, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(session.isLoggedIn()).toBe(false);
  });
});
