import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Cohort, Organisation, SchedulePreview } from '@upstand/contracts';
import {
  AISHA,
  apiError,
  COHORT,
  facilitator,
  LLR_ICB,
  PROGRAMME,
  signInAs,
  TOM,
  user,
  VENUE,
} from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { CohortWizardPage } from './cohort-wizard.page';
import { WIZARD_MESSAGES } from './cohort-wizard.model';

const OTHER_ICB: Organisation = {
  ...LLR_ICB,
  id: 'org-qt1',
  odsCode: 'QT1',
  name: 'NHS Nottingham and Nottinghamshire ICB',
  isHomeSystem: false,
};

const PREVIEW: SchedulePreview = {
  templateVersion: 3,
  sessions: [
    {
      stageKey: 'workshop-day-1',
      kind: 'workshop',
      mode: 'in-person',
      sequence: 1,
      title: 'Active Bystander workshop: day 1',
      startsAt: '2027-03-25T09:00:00+00:00',
      endsAt: '2027-03-25T16:30:00+00:00',
    },
    {
      stageKey: 'workshop-day-2',
      kind: 'workshop',
      mode: 'in-person',
      sequence: 1,
      title: 'Active Bystander workshop: day 2',
      startsAt: '2027-03-30T09:00:00+01:00',
      endsAt: '2027-03-30T12:30:00+01:00',
    },
    {
      stageKey: 'action-learning-sets',
      kind: 'action-learning-set',
      mode: 'virtual',
      sequence: 1,
      title: 'Action learning set',
      startsAt: '2027-04-22T10:00:00+01:00',
      endsAt: '2027-04-22T11:30:00+01:00',
    },
  ],
};

async function render() {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['programme-lead']));
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(CohortWizardPage);
  await fixture.whenStable();
  http.expectOne('/api/programmes').flush([PROGRAMME]);
  http.expectOne('/api/organisations?type=icb').flush([OTHER_ICB, LLR_ICB]);
  http.expectOne('/api/venues').flush([VENUE]);
  http
    .expectOne('/api/facilitators')
    .flush([
      AISHA,
      TOM,
      facilitator({ id: 'f-inactive', fullName: 'Ina Active', active: false }),
      facilitator({ id: 'f-als', fullName: 'Alex Sets', sessionKinds: ['action-learning-set'] }),
    ]);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;

  const field = <T extends HTMLElement>(id: string) => {
    const found = element.querySelector<T>(`#${id}`);
    if (!found) throw new Error(`No field #${id}`);
    return found;
  };
  const type = (id: string, value: string) => {
    const input = field<HTMLInputElement>(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  /** Types a date (YYYY-MM-DD) into the day, month and year boxes of an NHS date input. */
  const typeDate = (id: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    type(id, String(Number(day)));
    type(`${id}-month`, String(Number(month)));
    type(`${id}-year`, year ?? '');
  };
  const press = async (text: string) => {
    const button = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
    if (!button) throw new Error(`No "${text}" button`);
    button.click();
    await fixture.whenStable();
  };
  /** What the router would do: bind the new query parameter. */
  const goTo = async (step: string) => {
    fixture.componentRef.setInput('step', step);
    await fixture.whenStable();
  };
  const summary = () =>
    Array.from(element.querySelectorAll('.nhsuk-error-summary li')).map((li) => [
      li.querySelector('a')?.getAttribute('href') ?? null,
      li.textContent?.trim(),
    ]);
  const heading = () => element.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();

  /** Fills in step 1 and 2 and arrives at the check step with the preview requested. */
  const toCheck = async (facilitatorIds: string[] = []) => {
    type('name', 'LLR spring 2027');
    typeDate('startDate', '2027-03-25');
    await press('Continue');
    await goTo('people');
    for (const id of facilitatorIds) {
      element.querySelector<HTMLInputElement>(`input[name="facilitatorIds"][value="${id}"]`)?.click();
    }
    await press('Continue');
    await goTo('check');
  };
  return { fixture, element, http, navigate, field, type, typeDate, press, goTo, summary, heading, toCheck };
}

describe('CohortWizardPage', () => {
  it('starts with the details: the only programme, the home system and 24 places chosen', async () => {
    const { field, heading } = await render();
    expect(heading()).toBe('Create a cohort – step 1 of 3 Cohort details');
    expect(field<HTMLSelectElement>('programmeId').value).toBe(PROGRAMME.id);
    const system = field<HTMLSelectElement>('systemOdsCode');
    expect(system.value).toBe('QK1');
    expect(Array.from(system.options).map((o) => o.textContent?.trim())).toEqual([
      'Select an integrated care board',
      `${LLR_ICB.name} (QK1)`,
      `${OTHER_ICB.name} (QT1)`,
    ]);
    // Day, month and year boxes, never the browser's date picker (mm/dd/yyyy in an American browser).
    expect(
      ['startDate', 'startDate-month', 'startDate-year'].map((id) => field<HTMLInputElement>(id).type),
    ).toEqual(['text', 'text', 'text']);
    expect(field<HTMLInputElement>('capacity').value).toBe('24');
  });

  it('checks the details before moving on, listing each problem with a link to its field', async () => {
    const { element, navigate, type, press, summary, field } = await render();
    type('capacity', '2.5');
    await press('Continue');
    expect(navigate).not.toHaveBeenCalled();
    expect(summary()).toEqual([
      ['#name', WIZARD_MESSAGES.nameRequired],
      ['#startDate', WIZARD_MESSAGES.startDateRequired],
      ['#capacity', WIZARD_MESSAGES.capacityInvalid],
    ]);
    expect(field('name').getAttribute('aria-describedby')).toBe('name-hint name-error');
    expect(field('name').classList).toContain('nhsuk-input--error');
    expect(element.querySelector('#capacity-error')?.textContent).toContain(WIZARD_MESSAGES.capacityInvalid);
  });

  it('names the date of the first workshop when it is missing a part or is not a real date', async () => {
    const { type, typeDate, press, summary, field } = await render();
    type('name', 'LLR spring 2027');
    type('startDate', '25');
    type('startDate-year', '2027');
    await press('Continue');
    expect(summary()).toEqual([['#startDate', 'Date of the first workshop must include a month']]);
    expect(field('startDate-month').classList).toContain('nhsuk-input--error');
    expect(field('startDate').classList).not.toContain('nhsuk-input--error');
    typeDate('startDate', '2027-02-31');
    await press('Continue');
    expect(summary()).toEqual([['#startDate', WIZARD_MESSAGES.startDateInvalid]]);
    expect(WIZARD_MESSAGES.startDateInvalid).toBe('Date of the first workshop must be a real date');
  });

  it('goes to the next step through the address, so the back button works', async () => {
    const { navigate, type, press, typeDate } = await render();
    type('name', 'LLR spring 2027');
    typeDate('startDate', '2027-03-25');
    await press('Continue');
    expect(navigate).toHaveBeenCalledWith(['/cohorts/new'], {
      queryParams: { step: 'people' },
      replaceUrl: false,
    });
  });

  it('offers active facilitators who may run workshops, lead facilitators first, and checks the join link', async () => {
    const { element, navigate, type, press, goTo, summary, heading, typeDate } = await render();
    type('name', 'LLR spring 2027');
    typeDate('startDate', '2027-03-25');
    await press('Continue');
    await goTo('people');
    expect(heading()).toBe('Create a cohort – step 2 of 3 People and places');
    const labels = Array.from(element.querySelectorAll('.nhsuk-checkboxes__label')).map((l) =>
      l.textContent?.trim(),
    );
    expect(labels).toEqual(['Tom Okafor', 'Aisha Rahman']);
    expect(element.querySelector('input[name="facilitatorIds"]')?.id).toBe('facilitatorIds');

    navigate.mockClear();
    type('joinUrl', 'teams meeting');
    await press('Continue');
    expect(navigate).not.toHaveBeenCalled();
    expect(summary()).toEqual([['#joinUrl', WIZARD_MESSAGES.joinUrlInvalid]]);
  });

  it('shows the schedule from the API to check: title, day, date, UK time and mode', async () => {
    const { element, http, fixture, toCheck, heading } = await render();
    await toCheck();
    expect(heading()).toBe('Create a cohort – step 3 of 3 Check the schedule');
    const request = http.expectOne('/api/cohorts/preview');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ programmeId: PROGRAMME.id, startDate: '2027-03-25' });
    request.flush(PREVIEW);
    await fixture.whenStable();

    const rows = Array.from(element.querySelectorAll('[data-testid="preview-table"] tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['Active Bystander workshop: day 1', 'Thursday', '25 March 2027', '9:00am to 4:30pm', 'In person'],
      ['Active Bystander workshop: day 2', 'Tuesday', '30 March 2027', '9:00am to 12:30pm', 'In person'],
      ['Action learning set', 'Thursday', '22 April 2027', '10:00am to 11:30am', 'Virtual'],
    ]);
    expect(element.querySelector('[data-testid="cohort-answers"]')?.textContent).toContain('LLR spring 2027');
  });

  it('warns, before saving, that the workshop is split over Easter, with a link to change the date', async () => {
    const { element, http, fixture, toCheck } = await render();
    await toCheck();
    const split =
      'The workshop is split over a weekend: Thursday 25 March 2027 and Tuesday 30 March 2027. ' +
      'Its days are meant to run back to back.';
    http
      .expectOne('/api/cohorts/preview')
      .flush({ ...PREVIEW, warnings: [{ code: 'workshop-split', message: split }] });
    await fixture.whenStable();
    const callout = element.querySelector('[data-testid="scheduling-warnings"]');
    expect(callout?.classList).toContain('nhsuk-warning-callout');
    expect(callout?.querySelector('h2')?.textContent).toContain('Check the dates');
    expect(callout?.querySelector('li')?.textContent?.trim()).toBe(split);
    expect(callout?.querySelector('a')?.getAttribute('href')).toBe('/cohorts/new?step=details');
  });

  it('shows no warning callout for an ordinary schedule', async () => {
    const { element, http, fixture, toCheck } = await render();
    await toCheck();
    http.expectOne('/api/cohorts/preview').flush({ ...PREVIEW, warnings: [] });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="preview-table"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="scheduling-warnings"]')).toBeNull();
  });

  it('says so when the first workshop moves off a bank holiday', async () => {
    const { element, http, fixture, type, press, goTo, typeDate } = await render();
    type('name', 'Easter cohort');
    typeDate('startDate', '2027-03-26'); // Good Friday
    await press('Continue');
    await goTo('people');
    await press('Continue');
    await goTo('check');
    http.expectOne('/api/cohorts/preview').flush({
      templateVersion: 3,
      sessions: [
        {
          ...PREVIEW.sessions[0],
          startsAt: '2027-03-30T09:00:00+01:00',
          endsAt: '2027-03-30T16:30:00+01:00',
        },
      ],
    });
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-inset-text')?.textContent).toContain(
      'Friday 26 March 2027 is not a working day, so the first workshop is on Tuesday 30 March 2027.',
    );
  });

  it('saves the cohort and shows a 409 clash from the API in the error summary', async () => {
    const { http, fixture, toCheck, press, summary, navigate, element } = await render();
    await toCheck([TOM.id]);
    http.expectOne('/api/cohorts/preview').flush(PREVIEW);
    await fixture.whenStable();
    navigate.mockClear();
    await press('Save cohort');

    const request = http.expectOne('/api/cohorts');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      programmeId: PROGRAMME.id,
      name: 'LLR spring 2027',
      systemOdsCode: 'QK1',
      startDate: '2027-03-25',
      capacity: 24,
      facilitatorIds: [TOM.id],
    });
    const clash =
      'Tom Okafor is already facilitating Active Bystander workshop: day 1 (LLR autumn) on Thursday 25 March 2027 09:00–16:30';
    request.flush(...apiError(409, clash));
    await fixture.whenStable();

    expect(summary()).toEqual([[null, clash]]);
    expect(document.activeElement).toBe(element.querySelector('.nhsuk-error-summary'));
    expect(navigate).not.toHaveBeenCalled();
  });

  it('lists 400 field errors from the API without links (their fields are on earlier steps)', async () => {
    const { http, fixture, toCheck, press, summary } = await render();
    await toCheck();
    http.expectOne('/api/cohorts/preview').flush(PREVIEW);
    await fixture.whenStable();
    await press('Save cohort');
    http
      .expectOne('/api/cohorts')
      .flush(
        ...apiError(400, 'Validation failed', [{ field: 'name', message: 'A cohort with this name exists' }]),
      );
    await fixture.whenStable();
    expect(summary()).toEqual([[null, 'A cohort with this name exists']]);
  });

  it('goes to the new cohort with a success message once saved', async () => {
    const { http, fixture, toCheck, press, navigate } = await render();
    await toCheck([TOM.id, AISHA.id]);
    http.expectOne('/api/cohorts/preview').flush(PREVIEW);
    await fixture.whenStable();
    await press('Save cohort');
    const request = http.expectOne('/api/cohorts');
    expect(request.request.body.facilitatorIds).toEqual([TOM.id, AISHA.id]);
    request.flush({ ...COHORT, id: 'cohort-new' } satisfies Cohort, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/cohorts', 'cohort-new']);
    expect(TestBed.inject(FlashService).take()).toBe('Cohort LLR spring 2027 created');
  });

  it('sends someone who opens a later step directly back to the first', async () => {
    const { goTo, navigate } = await render();
    await goTo('check');
    expect(navigate).toHaveBeenCalledWith(['/cohorts/new'], {
      queryParams: { step: 'details' },
      replaceUrl: true,
    });
  });
});
