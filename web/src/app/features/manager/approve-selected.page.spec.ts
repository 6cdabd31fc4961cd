import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { approvalView, signInAs, user } from '../../../testing/fixtures';
import { ApprovalSelectionService } from './approval-selection.service';
import { ApproveSelectedPage } from './approve-selected.page';

async function render(
  chosen = [approvalView(), approvalView({ id: 'approval-2', delegateName: 'Ali Khan' })],
) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['line-manager']));
  TestBed.inject(ApprovalSelectionService).chosen.set(chosen);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ApproveSelectedPage);
  await fixture.whenStable();
  return { fixture, element: fixture.nativeElement as HTMLElement, http };
}

describe('ApproveSelectedPage', () => {
  it('names each person and cohort, approves them all, then says what became of each', async () => {
    const { fixture, element, http } = await render();
    expect(element.querySelector('h1')?.textContent).toBe('Approve these 2 places');
    const choices = Array.from(element.querySelectorAll('[data-testid="approval-choices"] dt')).map((term) =>
      term.textContent?.trim(),
    );
    expect(choices).toEqual(['Sam Patel', 'Ali Khan']);
    expect(element.querySelector('[data-testid="approval-choices"]')?.textContent).toContain(
      'LLR spring 2027',
    );

    element.querySelector<HTMLButtonElement>('button.nhsuk-button')?.click();
    const request = http.expectOne('/api/manager/approvals/approve');
    expect(request.request.body).toEqual({ ids: ['approval-1', 'approval-2'] });
    request.flush([
      {
        id: 'approval-1',
        delegateName: 'Sam Patel',
        cohortName: 'LLR spring 2027',
        state: 'approved',
        approved: true,
        problem: null,
      },
      {
        id: 'approval-2',
        delegateName: 'Ali Khan',
        cohortName: 'LLR spring 2027',
        state: 'declined',
        approved: false,
        problem: 'This request was already declined; the link works only once',
      },
    ]);
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('1 of 2 places approved');
    const rows = Array.from(element.querySelectorAll('[data-testid="approval-outcomes"] tbody tr'));
    const cells = (row: Element) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows.map(cells)).toEqual([
      ['Sam Patel LLR spring 2027', 'Approved'],
      ['Ali Khan LLR spring 2027', 'Not approvedThis request was already declined; the link works only once'],
    ]);
    expect(TestBed.inject(ApprovalSelectionService).chosen()).toEqual([]);
  });

  it('says nothing was chosen when opened directly (after a reload)', async () => {
    const { element } = await render([]);
    expect(element.textContent).toContain('You have not chosen any places to approve.');
    expect(element.querySelector('a')?.getAttribute('href')).toBe('/manager');
  });
});
