import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiError, signInAs, user } from '../../../testing/fixtures';
import { CHECK_IN_MESSAGES, CheckInPage, cleanCode } from './check-in.page';

async function render(code?: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['delegate']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CheckInPage);
  if (code) fixture.componentRef.setInput('code', code);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const input = () => element.querySelector<HTMLInputElement>('#code');
  const submit = async () => {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  };
  return { fixture, element, http, input, submit };
}

describe('CheckInPage', () => {
  it('tidies typed codes', () => {
    expect(cleanCode(' k7qx 2m ')).toBe('K7QX2M');
    expect(cleanCode('K7Q')).toBeNull();
  });

  it('is ready to check in when opened from the QR code, and confirms', async () => {
    const { fixture, element, http, input, submit } = await render('k7qx2m');
    expect(input()?.value).toBe('K7QX2M');
    await submit();
    const request = http.expectOne('/api/check-in');
    expect(request.request.body).toEqual({ code: 'K7QX2M' });
    request.flush({ sessionTitle: 'Active Bystander workshop: day 1', status: 'present' });
    await fixture.whenStable();
    const panel = element.querySelector('[data-testid="check-in-confirmation"]');
    expect(panel?.querySelector('h1')?.textContent).toBe('You are checked in');
    expect(panel?.textContent).toContain('Active Bystander workshop: day 1');
    expect(panel?.textContent).toContain('Recorded as present');
  });

  it('checks the code before sending it', async () => {
    const { element, http, input, submit } = await render();
    await submit();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      CHECK_IN_MESSAGES.codeRequired,
    );
    const field = input();
    if (field) {
      field.value = 'ABC';
      field.dispatchEvent(new Event('input'));
    }
    await submit();
    http.expectNone('/api/check-in');
    expect(element.querySelector('#code-error')?.textContent).toContain(CHECK_IN_MESSAGES.codeInvalid);
  });

  it('shows a wrong code (400) and a closed check-in (409) against the code field', async () => {
    const { fixture, element, http, submit } = await render('ZZZZZZ');
    await submit();
    http
      .expectOne('/api/check-in')
      .flush(
        ...apiError(400, 'Validation failed', [
          { field: 'code', message: 'That check-in code is not right.' },
        ]),
      );
    await fixture.whenStable();
    const link = element.querySelector('.nhsuk-error-summary a');
    expect(link?.getAttribute('href')).toBe('#code');
    expect(link?.textContent).toBe('That check-in code is not right.');

    await submit();
    http
      .expectOne('/api/check-in')
      .flush(
        ...apiError(409, 'Check-in for the workshop is open from 15 minutes before it starts until it ends'),
      );
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary a')?.textContent).toContain('open from 15 minutes');
  });
});
