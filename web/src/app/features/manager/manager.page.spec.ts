import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { approvalView, signInAs, user } from '../../../testing/fixtures';
import { ManagerPage } from './manager.page';

async function render() {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['line-manager']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ManagerPage);
  await fixture.whenStable();
  http.expectOne('/api/manager/approvals').flush([approvalView()]);
  http.expectOne('/api/manager/team').flush([
    {
      delegateName: 'Jo Bloggs',
      cohortName: 'LLR spring 2027',
      status: 'confirmed',
      sessionsAttended: 1,
      sessionsHeld: 2,
    },
  ]);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, http };
}

describe('ManagerPage', () => {
  it("lists approvals waiting and the team's progress", async () => {
    const { element } = await render();
    const approvals = element.querySelectorAll('[data-testid="approvals"] > li');
    expect(approvals).toHaveLength(1);
    expect(approvals[0].querySelector('h3')?.textContent).toBe('Sam Patel');
    expect(approvals[0].textContent).toContain('LLR spring 2027');
    const row = element.querySelector('[data-testid="team-table"] tbody tr');
    expect(Array.from(row?.querySelectorAll('th, td') ?? []).map((cell) => cell.textContent?.trim())).toEqual(
      ['Jo Bloggs', 'LLR spring 2027', 'Place confirmed', '1 of 2'],
    );
  });

  it('approves a place: it leaves the list and the team is loaded again', async () => {
    const { fixture, element, http } = await render();
    element.querySelector<HTMLButtonElement>('[data-testid="approvals"] button')?.click();
    const request = http.expectOne('/api/manager/approvals/approval-1/approve');
    expect(request.request.method).toBe('POST');
    request.flush(approvalView({ state: 'approved' }));
    http.expectOne('/api/manager/team').flush([]);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="approvals"]')).toBeNull();
    expect(element.textContent).toContain('There are no places waiting for your approval.');
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      "You approved Sam Patel's place on LLR spring 2027",
    );
  });
});
