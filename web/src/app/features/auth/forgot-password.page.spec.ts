import { HttpHeaders } from '@angular/common/http';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { signInAs } from '../../../testing/fixtures';
import { ForgotPasswordPage } from './forgot-password.page';

async function render() {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(null);
  const fixture = TestBed.createComponent(ForgotPasswordPage);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const http = TestBed.inject(HttpTestingController);
  const type = (value: string) => {
    const input = element.querySelector<HTMLInputElement>('#email');
    if (!input) throw new Error('No email input');
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const click = async (name: string) => {
    const button = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
    if (!button) throw new Error(`No button ${name}`);
    button.click();
    await fixture.whenStable();
  };
  const summaryLinks = () =>
    Array.from(element.querySelectorAll('.nhsuk-error-summary a')).map((a) => [
      a.getAttribute('href'),
      a.textContent?.trim(),
    ]);
  return { fixture, element, http, type, click, summaryLinks };
}

describe('ForgotPasswordPage', () => {
  it('asks for the email address and says the same whatever the answer, with the address and how long the link lasts', async () => {
    const { fixture, element, http, type, click } = await render();
    expect(element.querySelector('h1')?.textContent).toContain('Forgotten your password?');
    type(' sam@example.nhs.uk ');
    await click('Send me a link');

    const request = http.expectOne('/api/auth/password-reset');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'sam@example.nhs.uk' });
    request.flush({ message: 'If an account exists…' }, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();

    const text = element.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(element.querySelector('h1')?.textContent).toBe('Check your email');
    expect(text).toContain(
      'If an account exists for that email, we have sent a link to set a new password to sam@example.nhs.uk.',
    );
    expect(text).toContain('The link works once and for 1 hour.');
    expect(element.querySelector('a[href="/login"]')?.textContent).toContain('Back to sign in');
    expect(element.querySelector('#email')).toBeNull();
  });

  it('checks the address before calling the API, with the error linked to the field', async () => {
    const { element, http, type, click, summaryLinks } = await render();
    await click('Send me a link');
    expect(summaryLinks()).toEqual([['#email', 'Enter your email address']]);
    type('not an email');
    await click('Send me a link');
    http.expectNone('/api/auth/password-reset');
    expect(summaryLinks()).toEqual([
      ['#email', 'Enter an email address in the correct format, like name@example.com'],
    ]);
    expect(element.querySelector('#email')?.getAttribute('aria-describedby')).toBe('email-error');
    expect(document.activeElement).toBe(element.querySelector('.nhsuk-error-summary'));
  });

  it('says how long to wait when the API refuses with 429', async () => {
    const { fixture, http, type, click, summaryLinks } = await render();
    type('sam@example.nhs.uk');
    await click('Send me a link');
    http.expectOne('/api/auth/password-reset').flush(
      { statusCode: 429, message: 'Too many requests for a password link. Wait and try again.' },
      {
        status: 429,
        statusText: 'Too Many Requests',
        headers: new HttpHeaders({ 'Retry-After': '1500' }),
      },
    );
    await fixture.whenStable();
    expect(summaryLinks()).toEqual([
      ['#email', 'Too many requests for a password link. Wait 25 minutes and try again'],
    ]);
  });

  it('goes back to the form, keeping the address, to ask again', async () => {
    const { fixture, element, http, type, click } = await render();
    type('sam@example.nhs.uk');
    await click('Send me a link');
    http
      .expectOne('/api/auth/password-reset')
      .flush({ message: 'ok' }, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    await click('Ask for another link');
    expect(element.querySelector<HTMLInputElement>('#email')?.value).toBe('sam@example.nhs.uk');
  });
});
