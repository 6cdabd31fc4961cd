import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiError, sessionRegister, signInAs, user } from '../../../testing/fixtures';
import { registerSummary, REGISTER_MESSAGES, SessionRegisterPage } from './session-register.page';

async function render() {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['facilitator']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(SessionRegisterPage);
  fixture.componentRef.setInput('id', 'session-1');
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const button = (label: string) =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === label);
  const checked = () =>
    Array.from(element.querySelectorAll('[data-testid="register-table"] tbody tr')).map(
      (row) => row.querySelector<HTMLInputElement>('input:checked')?.value ?? null,
    );
  return { fixture, element, http, button, checked };
}

async function loaded() {
  const rendered = await render();
  rendered.http.expectOne('/api/sessions/session-1/register').flush(sessionRegister());
  await rendered.fixture.whenStable();
  return rendered;
}

describe('SessionRegisterPage', () => {
  it('shows the session, the check-in code and QR code, and each booked delegate', async () => {
    const { element, checked } = await loaded();
    expect(element.querySelector('h1')?.textContent).toContain('LLR spring 2027');
    expect(element.querySelector('[data-testid="register-when"]')?.textContent?.trim()).toBe(
      'Thursday 25 March 2027, 9:00am to 4:30pm',
    );
    expect(element.querySelector('[data-testid="check-in-code"]')?.textContent?.trim()).toBe('K7QX2M');
    const qr = element.querySelector<HTMLImageElement>('img.app-check-in__qr');
    expect(qr?.getAttribute('src')).toBe('/api/sessions/session-1/check-in.svg');
    expect(qr?.getAttribute('alt')).toBe('QR code to check in to Active Bystander workshop: day 1');
    expect(element.querySelector('[data-testid="check-in-panel"]')?.textContent).toContain(
      'Check-in opens at 8:45am on Thursday 25 March 2027',
    );
    expect(checked()).toEqual([null, 'late']);
    const firstRow = element.querySelector('[data-testid="register-table"] tbody tr');
    expect(firstRow?.querySelector('legend')?.textContent?.trim()).toBe('Attendance of Sam Patel');
    expect(
      Array.from(firstRow?.querySelectorAll('label') ?? []).map((label) => label.textContent?.trim()),
    ).toEqual(['Present', 'Late', 'Absent', 'Apologies']);
    expect(element.querySelectorAll('[data-testid="recorded-by"]')[1].textContent?.trim()).toBe('Checked in');
    // The session is still to come: the page says when its register opens.
    expect(element.querySelector('[data-testid="register-not-started"]')?.textContent).toContain(
      'You can record attendance from when the session starts',
    );
  });

  it('marks everyone present in one go', async () => {
    const { fixture, element, http, button, checked } = await loaded();
    button('Mark everyone present')?.click();
    const request = http.expectOne('/api/sessions/session-1/attendance/all-present');
    expect(request.request.method).toBe('POST');
    const saved = sessionRegister();
    request.flush({
      ...saved,
      entries: saved.entries.map((entry) => ({
        ...entry,
        status: 'present',
        method: entry.method ?? 'register',
      })),
    });
    await fixture.whenStable();
    expect(checked()).toEqual(['present', 'present']);
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      REGISTER_MESSAGES.allPresent,
    );
  });

  it('saves the marks chosen with PUT', async () => {
    const { fixture, element, http, button } = await loaded();
    element.querySelector<HTMLInputElement>('#attendance-enrolment-1-absent')?.click();
    element.querySelector<HTMLInputElement>('#attendance-enrolment-2-present')?.click();
    await fixture.whenStable();
    button('Save register')?.click();
    const request = http.expectOne('/api/sessions/session-1/attendance');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({
      entries: [
        { enrolmentId: 'enrolment-1', status: 'absent' },
        { enrolmentId: 'enrolment-2', status: 'present' },
      ],
    });
    const saved = sessionRegister();
    request.flush({
      ...saved,
      entries: [
        { ...saved.entries[0], status: 'absent', method: 'register' },
        { ...saved.entries[1], status: 'present', method: 'register' },
      ],
    });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      'Register saved: 1 present, 1 absent',
    );
  });

  it('clears a saved mark on the server, and an unsaved one on the form only', async () => {
    const { fixture, element, http, checked } = await loaded();
    const clearButtons = () =>
      Array.from(
        element.querySelectorAll<HTMLButtonElement>('[data-testid="register-table"] .app-clear-mark'),
      );
    expect(clearButtons().map((button) => button.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Clear the mark for Jo Bloggs',
    ]);
    clearButtons()[0]!.click();
    const request = http.expectOne('/api/sessions/session-1/attendance/enrolment-2');
    expect(request.request.method).toBe('DELETE');
    const saved = sessionRegister();
    request.flush({
      ...saved,
      entries: saved.entries.map((entry) => ({ ...entry, status: null, method: null })),
    });
    await fixture.whenStable();
    expect(checked()).toEqual([null, null]);
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      'Mark cleared for Jo Bloggs',
    );

    element.querySelector<HTMLInputElement>('#attendance-enrolment-1-absent')?.click();
    await fixture.whenStable();
    expect(checked()).toEqual(['absent', null]);
    clearButtons()[0]!.click();
    await fixture.whenStable();
    expect(checked()).toEqual([null, null]);
    http.expectNone(() => true);
  });

  it('asks for a mark before saving an empty register', async () => {
    const rendered = await render();
    rendered.http
      .expectOne('/api/sessions/session-1/register')
      .flush(sessionRegister({ entries: [{ ...sessionRegister().entries[0] }] }));
    await rendered.fixture.whenStable();
    rendered.button('Save register')?.click();
    await rendered.fixture.whenStable();
    rendered.http.expectNone('/api/sessions/session-1/attendance');
    expect(rendered.element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      REGISTER_MESSAGES.nothingMarked,
    );
  });

  it('says so when the session is not one of yours', async () => {
    const { fixture, element, http } = await render();
    http.expectOne('/api/sessions/session-1/register').flush(...apiError(404, 'Session not found'));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(REGISTER_MESSAGES.notFound);
    expect(element.querySelector('a[href="/my-sessions"]')).not.toBeNull();
  });

  it('summarises a register', () => {
    expect(registerSummary(['present', 'late', 'present', null, 'apologies'])).toBe(
      '2 present, 1 late, 1 apologies',
    );
  });

  it('lists everyone enrolled with their place; those not expected cannot be marked, but a mark left can be cleared', async () => {
    const rendered = await render();
    const base = sessionRegister();
    rendered.http.expectOne('/api/sessions/session-1/register').flush({
      ...base,
      entries: [
        ...base.entries,
        {
          enrolmentId: 'enrolment-3',
          fullName: 'Ali Khan',
          organisationName: null,
          status: null,
          method: null,
          place: 'withdrawn',
          markable: false,
        },
        {
          enrolmentId: 'enrolment-4',
          fullName: 'Bea Moss',
          organisationName: null,
          status: 'absent',
          method: 'register',
          place: 'transferred',
          markable: false,
        },
      ],
    });
    await rendered.fixture.whenStable();
    const { element, http, button } = rendered;
    const rows = Array.from(element.querySelectorAll('[data-testid="register-table"] tbody tr'));
    expect(
      rows.map((row) => row.querySelector('[data-testid="register-place"]')?.textContent?.trim()),
    ).toEqual(['Place confirmed', 'Completed', 'Withdrawn', 'Transferred to another cohort']);
    expect(rows[2]!.querySelector('[data-testid="register-place"]')?.className).toContain('nhsuk-tag--grey');
    expect(rows[2]!.querySelectorAll('input[type="radio"]')).toHaveLength(0);
    expect(rows[2]!.querySelector('[data-testid="not-markable"]')?.textContent).toContain('Not expected');
    expect(rows[0]!.querySelectorAll('input[type="radio"]')).toHaveLength(4);
    // Bea's old mark can be cleared, and is not sent again with the register.
    expect(rows[3]!.querySelector('.app-clear-mark')?.textContent).toContain('Clear');

    element.querySelector<HTMLInputElement>('#attendance-enrolment-1-present')?.click();
    await rendered.fixture.whenStable();
    button('Save register')?.click();
    expect(http.expectOne('/api/sessions/session-1/attendance').request.body).toEqual({
      entries: [
        { enrolmentId: 'enrolment-1', status: 'present' },
        { enrolmentId: 'enrolment-2', status: 'late' },
      ],
    });

    // The sign-in sheet lists only those expected.
    const sheet = element.querySelector('[data-testid="sign-in-sheet"]');
    expect(
      Array.from(sheet?.querySelectorAll('tbody tr td:first-child') ?? []).map((cell) =>
        cell.textContent?.trim(),
      ),
    ).toEqual(['Sam Patel', 'Jo Bloggs']);
  });

  it('prints a sign-in sheet with the session, when and where, and offers the register as CSV and XLSX', async () => {
    const { element, button } = await loaded();
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    button('Print sign-in sheet')?.click();
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();

    const sheet = element.querySelector('[data-testid="sign-in-sheet"]');
    expect(sheet?.textContent).toContain('Active Bystander workshop: day 1');
    expect(sheet?.textContent).toContain('Thursday 25 March 2027, 9:00am to 4:30pm');
    expect(sheet?.textContent).toContain('Leicester Royal Infirmary');
    expect(Array.from(sheet?.querySelectorAll('th') ?? []).map((cell) => cell.textContent?.trim())).toEqual([
      'Name',
      'Organisation',
      'Signature',
    ]);

    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('a[download]')).map((link) => [
      link.textContent?.trim(),
      link.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Download the register (CSV)', '/api/sessions/session-1/register.csv'],
      ['Download the register (Excel, XLSX)', '/api/sessions/session-1/register.xlsx'],
    ]);
  });
});
