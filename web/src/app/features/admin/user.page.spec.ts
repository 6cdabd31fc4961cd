import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AdminUser } from '@upstand/contracts';
import { UserPage } from './user.page';

const USER: AdminUser = {
  id: 'u1',
  email: 'sam.patel@example.nhs.uk',
  fullName: 'Sam Patel',
  organisationName: 'University Hospitals of Leicester NHS Trust',
  status: 'active',
  grants: [],
  lastSignInAt: null,
  secondFactor: true,
};
const RESET = { method: 'POST', url: '/api/users/u1/second-factor/reset' };

async function render(user: AdminUser) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  const fixture = TestBed.createComponent(UserPage);
  fixture.componentRef.setInput('id', user.id);
  const http = TestBed.inject(HttpTestingController);
  const element = fixture.nativeElement as HTMLElement;
  await fixture.whenStable();
  http.match('/api/organisations').forEach((request) => request.flush([]));
  http.expectOne('/api/users/u1').flush(user);
  await fixture.whenStable();
  const button = (text: string) =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find(
      (candidate) => candidate.textContent?.trim() === text,
    );
  const text = (testId: string) =>
    element.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
  return { fixture, http, element, button, text };
}

describe('UserPage: resetting two-step verification', () => {
  it('asks first, then resets and says what happens next', async () => {
    const { fixture, http, button, text } = await render(USER);
    expect(text('second-factor-status')).toBe('On (authenticator app)');

    button('Reset two-step verification')?.click();
    await fixture.whenStable();
    http.expectNone(RESET);
    expect(text('confirm-reset')).toContain('Reset two-step verification for Sam Patel?');

    button('Yes, reset it')?.click();
    await fixture.whenStable();
    http.expectOne(RESET).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(text('success-banner')).toContain('Two-step verification is reset for Sam Patel');
    expect(text('second-factor-reset-done')).toContain('Sam Patel can now sign in with their password alone');
    expect(text('second-factor-status')).toBe('Not set up');
    expect(button('Reset two-step verification')).toBeUndefined();
    http.verify();
  });

  it('cancels without resetting', async () => {
    const { fixture, http, button, text } = await render(USER);
    button('Reset two-step verification')?.click();
    await fixture.whenStable();
    button('Cancel')?.click();
    await fixture.whenStable();
    expect(text('confirm-reset')).toBeUndefined();
    http.expectNone(RESET);
    http.verify();
  });

  it('says plainly when there is nothing to reset', async () => {
    const { http, button, text } = await render({ ...USER, secondFactor: false });
    expect(text('second-factor-none')).toBe(
      'Sam Patel has not set up two-step verification, so there is nothing to reset.',
    );
    expect(button('Reset two-step verification')).toBeUndefined();
    http.verify();
  });

  it('explains a refusal in the error summary', async () => {
    const { fixture, http, element, button } = await render(USER);
    button('Reset two-step verification')?.click();
    await fixture.whenStable();
    button('Yes, reset it')?.click();
    await fixture.whenStable();
    http
      .expectOne(RESET)
      .flush({ statusCode: 404, message: 'Not found' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'You cannot reset two-step verification for this person',
    );
    expect(button('Reset two-step verification')).toBeDefined();
    http.verify();
  });
});
