import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CommunityAttendanceRegister } from '@upstand/contracts';
import { signInAs, user } from '../../../testing/fixtures';
import { COMMUNITY_ATTENDANCE_MESSAGES, CommunityAttendancePage } from './community-attendance.page';

const REGISTER: CommunityAttendanceRegister = {
  sessionId: 'session-1',
  title: 'Community of Practice catch-up',
  kind: 'community-of-practice',
  startsAt: '2026-11-04T12:30:00+00:00',
  endsAt: '2026-11-04T13:30:00+00:00',
  people: [
    { userId: 'user-1', fullName: 'Sam Patel', organisationName: 'LLR general practices', attended: true },
    { userId: 'user-2', fullName: 'Łukasz Nowak', organisationName: null, attended: false },
  ],
};

async function loaded() {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['programme-lead']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CommunityAttendancePage);
  fixture.componentRef.setInput('id', 'session-1');
  await fixture.whenStable();
  http.expectOne('/api/sessions/session-1/community-attendance').flush(REGISTER);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const box = (name: string) =>
    Array.from(element.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')).find((input) =>
      element.querySelector(`label[for="${input.id}"]`)?.textContent?.includes(name),
    ) as HTMLInputElement;
  const save = () =>
    Array.from(element.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Save who came')
      ?.click();
  return { fixture, element, http, box, save };
}

describe('CommunityAttendancePage', () => {
  it('shows one checkbox per member, ticked for those marked as having come', async () => {
    const { element, box } = await loaded();
    expect(element.querySelector('h1')?.textContent).toContain('Community of Practice catch-up');
    expect(box('Sam Patel').checked).toBe(true);
    expect(box('Łukasz Nowak').checked).toBe(false);
  });

  it('sends only the changes: a mark for the newly ticked, a removal for the unticked', async () => {
    const { fixture, element, http, box, save } = await loaded();
    box('Łukasz Nowak').click();
    box('Sam Patel').click();
    save();
    const removed = http.expectOne('/api/sessions/session-1/community-attendance/user-1');
    expect(removed.request.method).toBe('DELETE');
    removed.flush({ ...REGISTER, people: REGISTER.people.map((p) => ({ ...p, attended: false })) });
    const marked = http.expectOne('/api/sessions/session-1/community-attendance/user-2');
    expect(marked.request.method).toBe('PUT');
    marked.flush({
      ...REGISTER,
      people: REGISTER.people.map((p) => ({ ...p, attended: p.userId === 'user-2' })),
    });
    await fixture.whenStable();
    http.verify();
    expect(box('Łukasz Nowak').checked).toBe(true);
    expect(box('Sam Patel').checked).toBe(false);
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      COMMUNITY_ATTENDANCE_MESSAGES.saved(1),
    );
  });

  it('sends nothing when nothing changed', async () => {
    const { fixture, element, http, save } = await loaded();
    save();
    await fixture.whenStable();
    http.verify();
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      COMMUNITY_ATTENDANCE_MESSAGES.unchanged,
    );
  });
});
