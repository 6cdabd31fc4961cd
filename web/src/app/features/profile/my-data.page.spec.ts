import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MyDataExport } from '@upstand/contracts';
import { signInAs, user } from '../../../testing/fixtures';
import { MyDataPage } from './my-data.page';

const DATA: MyDataExport = {
  exportedAt: '2027-01-10T09:00:00.000Z',
  account: {
    email: 'sam.patel@example.nhs.uk',
    fullName: 'Sam Patel',
    organisation: 'University Hospitals of Leicester NHS Trust',
    roles: ['delegate'],
    createdAt: '2026-11-02T10:00:00.000Z',
  },
  delegateProfile: null,
  equalityMonitoring: { ethnicCategory: 'H', disability: null, sex: null, ageBand: null },
  enrolments: [
    {
      cohort: 'LLR spring',
      programme: 'Active Bystander',
      status: 'confirmed',
      createdAt: '2026-11-03T10:00:00.000Z',
      statusChangedAt: '2026-11-03T10:00:00.000Z',
    },
  ],
  attendance: [],
  questionnaireResponses: [],
  emails: [
    { subject: 'Activate', status: 'sent', createdAt: '2026-11-02T10:00:00.000Z', sentAt: null },
    { subject: 'Booked', status: 'sent', createdAt: '2026-11-03T10:00:00.000Z', sentAt: null },
  ],
  auditEvents: [
    { action: 'profile.created', occurredAt: '2026-11-02T10:00:00.000Z', fields: ['jobTitle'] },
    { action: 'user.data-exported', occurredAt: '2026-11-04T10:00:00.000Z', fields: [] },
  ],
};

async function render() {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['delegate']));
  const fixture = TestBed.createComponent(MyDataPage);
  await fixture.whenStable();
  return {
    fixture,
    element: fixture.nativeElement as HTMLElement,
    http: TestBed.inject(HttpTestingController),
  };
}

describe('MyDataPage', () => {
  it('summarises what is held and offers the whole of it as a JSON download', async () => {
    const { fixture, element, http } = await render();
    http.expectOne('/api/me/data-export').flush(DATA);
    await fixture.whenStable();

    const rows = Array.from(element.querySelectorAll('.nhsuk-summary-list__row')).map((row) => [
      row.querySelector('dt')?.textContent?.trim(),
      row.querySelector('dd')?.textContent?.trim(),
    ]);
    expect(rows).toEqual([
      ['Name', 'Sam Patel'],
      ['Email address', 'sam.patel@example.nhs.uk'],
      ['Organisation', 'University Hospitals of Leicester NHS Trust'],
      ['Account created', '2 November 2026'],
      ['Delegate profile', 'None'],
      ['Equality monitoring answers', 'Held'],
      ['Cohorts', '1 cohort'],
      ['Attendance records', 'None'],
      ['Questionnaires answered', 'None'],
      ['Emails sent to you', '2 emails'],
      ['Entries in the audit log', '2 entries'],
    ]);
    const download = element.querySelector('[data-testid="download"]');
    expect(download?.textContent?.trim()).toBe('Download my data (JSON)');
    expect(download?.getAttribute('href')).toBe('/api/me/data-export');
  });

  it('says when the data could not be loaded', async () => {
    const { fixture, element, http } = await render();
    http.expectOne('/api/me/data-export').flush(null, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'Your data could not be loaded',
    );
    expect(element.querySelector('[data-testid="my-data-summary"]')).toBeNull();
  });
});
