import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { DelegateProfile } from '@upstand/contracts';
import { apiError, signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { checkProfile, PROFILE_MESSAGES } from './profile.model';
import { PROFILE_SAVED, ProfilePage } from './profile.page';

const PROFILE: DelegateProfile = {
  jobTitle: 'Staff nurse',
  staffGroup: 'Nursing and Midwifery Registered',
  payScheme: 'agenda-for-change',
  payBand: '5',
  lineManagerName: 'Helen Carter',
  lineManagerEmail: 'manager@demo.upstand.test',
};

async function render(existing: DelegateProfile | null, returnUrl?: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['delegate']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ProfilePage);
  if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
  await fixture.whenStable();
  const request = http.expectOne('/api/me/profile');
  if (existing) request.flush(existing);
  else request.flush(...apiError(404, 'Delegate profile not found'));
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const $ = <T extends Element = HTMLInputElement>(selector: string) =>
    element.querySelector<T & Element>(selector);
  const type = (id: string, value: string) => {
    const input = element.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`No input #${id}`);
    input.value = value;
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  };
  const choose = async (label: string) => {
    const radio = Array.from(element.querySelectorAll<HTMLInputElement>('input[type="radio"]')).find(
      (input) => input.labels?.[0]?.textContent?.trim() === label,
    );
    if (!radio) throw new Error(`No radio "${label}"`);
    radio.click();
    await fixture.whenStable();
  };
  const save = async () => {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  };
  return { fixture, element, http, $, type, choose, save };
}

describe('profile form', () => {
  it('asks for everything in plain English and sends the band only for Agenda for Change', () => {
    const empty = checkProfile({
      jobTitle: ' ',
      staffGroup: '',
      payScheme: null,
      payBand: '',
      lineManagerName: '',
      lineManagerEmail: 'not an email',
    });
    expect(empty).toEqual({
      ok: false,
      errors: [
        { field: 'jobTitle', text: PROFILE_MESSAGES.jobTitleRequired },
        { field: 'staffGroup', text: PROFILE_MESSAGES.staffGroupRequired },
        { field: 'payScheme', text: PROFILE_MESSAGES.paySchemeRequired },
        { field: 'lineManagerName', text: PROFILE_MESSAGES.lineManagerNameRequired },
        { field: 'lineManagerEmail', text: PROFILE_MESSAGES.lineManagerEmailInvalid },
      ],
    });
    const afcWithoutBand = checkProfile({ ...PROFILE, payBand: '', payScheme: 'agenda-for-change' });
    expect(afcWithoutBand).toEqual({
      ok: false,
      errors: [{ field: 'payBand', text: PROFILE_MESSAGES.payBandRequired }],
    });
    const doctor = checkProfile({ ...PROFILE, payScheme: 'medical-and-dental', payBand: '5' });
    expect(doctor).toEqual({
      ok: true,
      profile: { ...PROFILE, payScheme: 'medical-and-dental', payBand: null },
    });
  });

  it('shows the band only while Agenda for Change is chosen', async () => {
    const { $, choose } = await render(null);
    expect($('#payBand')).toBeNull();
    const radios = Array.from(document.querySelectorAll<HTMLInputElement>('input[name="payScheme"]'));
    expect(radios.map((radio) => radio.labels?.[0]?.textContent?.trim())).toEqual([
      'Agenda for Change',
      'Medical and dental grade',
      'Very senior manager',
      'Non-NHS or social care',
    ]);
    expect(radios[0].id).toBe('payScheme');
    await choose('Agenda for Change');
    expect($('#payBand')).not.toBeNull();
    expect($<HTMLSelectElement>('#payBand')?.querySelectorAll('option')).toHaveLength(12);
    await choose('Very senior manager');
    expect($('#payBand')).toBeNull();
  });

  it('fills the form from the saved profile and saves it with PUT', async () => {
    const { fixture, element, http, $, type, save } = await render(PROFILE);
    expect($('#jobTitle')?.value).toBe('Staff nurse');
    expect($<HTMLSelectElement>('#payBand')?.value).toBe('5');
    expect($('#payScheme')?.checked).toBe(true);
    type('jobTitle', 'Senior staff nurse');
    await save();
    const request = http.expectOne('/api/me/profile');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ ...PROFILE, jobTitle: 'Senior staff nurse' });
    request.flush({ ...PROFILE, jobTitle: 'Senior staff nurse' });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(PROFILE_SAVED);
  });

  it('shows errors before calling the API, linked to the fields', async () => {
    const { element, http, save } = await render(null);
    await save();
    http.expectNone('/api/me/profile');
    const links = Array.from(element.querySelectorAll('.nhsuk-error-summary a')).map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toEqual([
      '#jobTitle',
      '#staffGroup',
      '#payScheme',
      '#lineManagerName',
      '#lineManagerEmail',
    ]);
    expect(element.querySelector('#payScheme-error')?.textContent).toContain(
      PROFILE_MESSAGES.paySchemeRequired,
    );
  });

  it("maps the API's field errors to the fields", async () => {
    const { fixture, element, http, type, choose, save } = await render(null);
    type('jobTitle', 'Porter');
    type('staffGroup', 'Estates and Ancillary');
    await choose('Agenda for Change');
    type('payBand', '2');
    type('lineManagerName', 'Helen Carter');
    type('lineManagerEmail', 'helen@example.nhs.uk');
    await save();
    http
      .expectOne('/api/me/profile')
      .flush(
        ...apiError(400, 'Validation failed', [
          { field: 'lineManagerEmail', message: 'lineManagerEmail must be an email address' },
        ]),
      );
    await fixture.whenStable();
    const link = element.querySelector('.nhsuk-error-summary a');
    expect(link?.getAttribute('href')).toBe('#lineManagerEmail');
    expect(element.querySelector('#lineManagerEmail')?.classList).toContain('nhsuk-input--error');
  });

  it('goes back to finish signing up once saved, when it was asked for on the way', async () => {
    const { fixture, http, type, choose, save } = await render(null, '/cohorts/open?signUp=cohort-1');
    const navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    type('jobTitle', 'Doctor');
    type('staffGroup', 'Medical and Dental');
    await choose('Medical and dental grade');
    type('lineManagerName', 'Helen Carter');
    type('lineManagerEmail', 'helen@example.nhs.uk');
    await save();
    const request = http.expectOne('/api/me/profile');
    expect(request.request.body.payBand).toBeNull();
    request.flush(request.request.body);
    await fixture.whenStable();
    expect(navigateByUrl).toHaveBeenCalledWith('/cohorts/open?signUp=cohort-1');
    expect(TestBed.inject(FlashService).take()).toBe(PROFILE_SAVED);
  });
});
