import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ApprovalRequestView, TeamMemberProgress } from '@upstand/contracts';
import { approvalView, signInAs, user } from '../../../testing/fixtures';
import { ApprovalSelectionService } from './approval-selection.service';
import { ManagerPage } from './manager.page';

const page = <T>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 25 });
const JO: TeamMemberProgress = {
  delegateName: 'Jo Bloggs',
  cohortName: 'LLR spring 2027',
  status: 'confirmed',
  sessionsAttended: 1,
  sessionsHeld: 2,
};

async function render(approvals: ApprovalRequestView[] = [approvalView()]) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['line-manager']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ManagerPage);
  await fixture.whenStable();
  http.expectOne('/api/manager/approvals?pageSize=100').flush({ ...page(approvals), pageSize: 100 });
  http.expectOne('/api/manager/team?page=1&pageSize=25').flush(page([JO]));
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
    // One place: nothing to tick, no bulk button.
    expect(element.querySelector('[data-testid="approve-selected"]')).toBeNull();
    const row = element.querySelector('[data-testid="team-table"] tbody tr');
    expect(Array.from(row?.querySelectorAll('th, td') ?? []).map((cell) => cell.textContent?.trim())).toEqual(
      ['Jo Bloggs', 'LLR spring 2027', 'Place confirmed', '1 of 2'],
    );
    expect(element.textContent).toContain('Showing 1 to 1 of 1 places');
  });

  it('approves a place: it leaves the list and the team is loaded again', async () => {
    const { fixture, element, http } = await render();
    element.querySelector<HTMLButtonElement>('[data-testid="approvals"] button')?.click();
    const request = http.expectOne('/api/manager/approvals/approval-1/approve');
    expect(request.request.method).toBe('POST');
    request.flush(approvalView({ state: 'approved' }));
    await fixture.whenStable();
    http.expectOne('/api/manager/team?page=1&pageSize=25').flush(page([]));
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="approvals"]')).toBeNull();
    expect(element.textContent).toContain('There are no places waiting for your approval.');
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      "You approved Sam Patel's place on LLR spring 2027",
    );
  });

  it('takes the ticked places, and only those, to the confirmation page', async () => {
    const { fixture, element } = await render([
      approvalView(),
      approvalView({ id: 'approval-2', delegateName: 'Ali Khan' }),
      approvalView({ id: 'approval-3', delegateName: 'Bea Lee' }),
    ]);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    element.querySelector<HTMLButtonElement>('[data-testid="approve-selected"]')?.click();
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'Select at least one place to approve',
    );
    expect(navigate).not.toHaveBeenCalled();

    element.querySelector<HTMLInputElement>('#select-approval-1')?.click();
    element.querySelector<HTMLInputElement>('#select-approval-3')?.click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="approve-selected"]')?.textContent).toContain('(2)');
    element.querySelector<HTMLButtonElement>('[data-testid="approve-selected"]')?.click();
    expect(navigate).toHaveBeenCalledWith(['/manager/approve']);
    expect(
      TestBed.inject(ApprovalSelectionService)
        .chosen()
        .map((request) => request.delegateName),
    ).toEqual(['Sam Patel', 'Bea Lee']);
  });
});
