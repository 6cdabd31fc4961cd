import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { signInAs, user } from '../../../testing/fixtures';
import { SessionService } from '../../core/auth/session.service';
import { ActivatePage } from './activate.page';

const TOKEN = 'k3Xb0XW0bM5x3s3tG3r4nd0mT0k3nW1th43Ch4rs0k';

async function render(token: string | null = TOKEN) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(null);
  const fixture = TestBed.createComponent(ActivatePage);
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
    Array.from(element.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Activate account')
      ?.click();
    await fixture.whenStable();
  };
  return { fixture, element, http, type, submit };
}

describe('ActivatePage', () => {
  it('creates the account with the chosen password, signs in and goes where the person was heading', async () => {
    const { fixture, element, http, type, submit } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    expect(element.querySelector('h1')?.textContent).toBe('Activate your account');
    type('password', 'a brand new password');
    type('confirmPassword', 'a brand new password');
    await submit();

    const request = http.expectOne('/api/auth/activate');
    expect(request.request.body).toEqual({ token: TOKEN, password: 'a brand new password' });
    request.flush({ user: user(['delegate']), returnUrl: '/cohorts/open' });
    await fixture.whenStable();
    expect(TestBed.inject(SessionService).isLoggedIn()).toBe(true);
    expect(navigate).toHaveBeenCalledWith('/cohorts/open');
  });

  it('checks the passwords before asking the server', async () => {
    const { element, http, type, submit } = await render();
    type('password', 'short');
    type('confirmPassword', 'short');
    await submit();
    http.expectNone('/api/auth/activate');
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain('10 characters');
  });

  it('offers to register again when the link has expired or been used', async () => {
    const { fixture, element, http, type, submit } = await render();
    type('password', 'a brand new password');
    type('confirmPassword', 'a brand new password');
    await submit();
    http.expectOne('/api/auth/activate').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'expired',
        errors: [{ field: 'token', message: 'This activation link has expired or has already been used.' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="link-refused"]')?.textContent).toContain(
      'Create your account again',
    );
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain('expired');
  });

  it('explains a link that lost its code', async () => {
    const { element } = await render(null);
    expect(element.querySelector('h1')?.textContent).toBe('This link is not complete');
  });
});
