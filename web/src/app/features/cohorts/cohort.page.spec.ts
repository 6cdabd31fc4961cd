import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Role } from '@upstand/contracts';
import { AISHA, apiError, COHORT, cohortSession, signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { CohortPage } from './cohort.page';

const DAY_1 = cohortSession();
const ALS = cohortSession({
  id: 'session-als',
  kind: 'action-learning-set',
  mode: 'virtual',
  title: 'Action learning set',
  startsAt: '2027-04-22T10:00:00+01:00',
  endsAt: '2027-04-22T11:30:00+01:00',
  venueId: null,
  venueName: null,
  facilitators: [],
  problems: [],
  status: 'cancelled',
});

async function render(roles: Role[], flash?: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(roles));
  if (flash) TestBed.inject(FlashService).set(flash);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CohortPage);
  fixture.componentRef.setInput('id', COHORT.id);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, http };
}

async function loaded(roles: Role[], flash?: string) {
  const rendered = await render(roles, flash);
  rendered.http.expectOne(`/api/cohorts/${COHORT.id}`).flush(COHORT);
  rendered.http.expectOne(`/api/cohorts/${COHORT.id}/sessions`).flush([
    DAY_1,
    { ...ALS },
    {
      ...DAY_1,
      id: 'session-2',
      facilitators: [
        ...DAY_1.facilitators,
        { facilitatorId: AISHA.id, fullName: AISHA.fullName, level: AISHA.level },
      ],
      problems: [],
    },
  ]);
  await rendered.fixture.whenStable();
  const rows = Array.from(rendered.element.querySelectorAll('[data-testid="sessions-table"] tbody tr'));
  return { ...rendered, rows };
}

describe('CohortPage', () => {
  it('summarises the cohort and lists its sessions in London time with venue, facilitators and problems', async () => {
    const { element, rows } = await loaded(['facilitator'], 'Cohort LLR spring 2027 created');
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      'Cohort LLR spring 2027 created',
    );
    expect(element.querySelector('h1')?.textContent).toContain(COHORT.name);
    const summary = element.querySelector('[data-testid="cohort-summary"]')?.textContent;
    expect(summary).toContain(`${COHORT.system.name} (QK1)`);
    expect(summary).toContain('25 March 2027');
    expect(summary).toContain('1 needs attention');

    expect(rows).toHaveLength(3);
    const [first, second] = rows;
    expect(
      first.querySelector('[data-testid="session-when"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('Thursday 25 March 2027, 9:00am to 4:30pm');
    expect(first.querySelector('[data-testid="session-where"]')?.textContent).toContain(DAY_1.venueName);
    expect(first.textContent).toContain('Tom Okafor');
    expect(first.querySelector('.nhsuk-tag--orange')?.textContent).toBe('Needs 2 facilitators, has 1');
    expect(second.querySelector('[data-testid="session-where"]')?.textContent?.trim()).toBe('Online');
    expect(second.querySelector('.nhsuk-tag--grey')?.textContent).toBe('Cancelled');

    const ics = first.querySelector<HTMLAnchorElement>('a[download]');
    expect(ics?.getAttribute('href')).toBe(`/api/sessions/${DAY_1.id}/ics`);
    expect(ics?.textContent).toContain('Add to calendar');
    // A facilitator cannot change sessions.
    expect(first.textContent).not.toContain('Move');
  });

  it('gives a programme lead Register, Move, Facilitators, Place and Cancel for each session still on', async () => {
    const { rows } = await loaded(['programme-lead']);
    const links = (row: Element) =>
      Array.from(row.querySelectorAll('a:not([download])')).map((a) => a.getAttribute('href'));
    expect(links(rows[0])).toEqual([
      `/sessions/${DAY_1.id}/register?cohort=${COHORT.id}`,
      `/cohorts/${COHORT.id}/sessions/${DAY_1.id}/move`,
      `/cohorts/${COHORT.id}/sessions/${DAY_1.id}/facilitators`,
      `/cohorts/${COHORT.id}/sessions/${DAY_1.id}/place`,
      `/cohorts/${COHORT.id}/sessions/${DAY_1.id}/cancel`,
    ]);
    expect(links(rows[1])).toEqual([]);
  });

  it('says when the cohort does not exist', async () => {
    const { fixture, element, http } = await render(['programme-lead']);
    http.expectOne(`/api/cohorts/${COHORT.id}`).flush(...apiError(404, 'Not Found'));
    http.expectOne(`/api/cohorts/${COHORT.id}/sessions`);
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'This cohort does not exist.',
    );
  });
});
