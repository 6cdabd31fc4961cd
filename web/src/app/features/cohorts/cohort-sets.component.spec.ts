import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CohortLearningSets, LearningSet } from '@upstand/contracts';
import { AISHA, COHORT, signInAs, TOM, user } from '../../../testing/fixtures';
import { CohortSetsComponent } from './cohort-sets.component';

function set(number: number, members: string[], overrides: Partial<LearningSet> = {}): LearningSet {
  return {
    id: `set-${number}`,
    cohortId: COHORT.id,
    number,
    name: `Set ${number}`,
    facilitator: null,
    members: members.map((fullName) => ({
      enrolmentId: `enrolment-${fullName}`,
      fullName,
      organisationName: null,
    })),
    sessionIds: [],
    ...overrides,
  };
}

async function render(initial: CohortLearningSets) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['programme-lead']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CohortSetsComponent);
  fixture.componentRef.setInput('cohortId', COHORT.id);
  fixture.componentRef.setInput('canManage', true);
  const saved: string[] = [];
  fixture.componentInstance.saved.subscribe((message) => saved.push(message));
  await fixture.whenStable();
  http.expectOne(`/api/cohorts/${COHORT.id}/sets`).flush(initial);
  http.expectOne('/api/facilitators').flush([TOM, AISHA]);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const button = (label: string) =>
    Array.from(element.querySelectorAll('button')).find(
      (b) => b.textContent?.replace(/\s+/g, ' ').trim() === label,
    );
  const select = (id: string, value: string) => {
    const field = element.querySelector<HTMLSelectElement>(`#${id}`);
    if (!field) throw new Error(`No select #${id}`);
    field.value = value;
    field.dispatchEvent(new Event('change'));
  };
  return { fixture, element, http, button, select, saved };
}

describe('CohortSetsComponent', () => {
  it('puts the delegates into sets', async () => {
    const { fixture, element, http, button, saved } = await render({ sets: [], warnings: [] });
    button('Put delegates into sets')?.click();
    const request = http.expectOne(`/api/cohorts/${COHORT.id}/sets`);
    expect(request.request.method).toBe('POST');
    request.flush({ sets: [set(1, ['Ann', 'Bo']), set(2, ['Cy'])], warnings: ['Set 2 has 1 person'] });
    await fixture.whenStable();
    expect(element.querySelectorAll('[data-testid="learning-set"]')).toHaveLength(2);
    expect(element.querySelector('[data-testid="set-warnings"]')?.textContent).toContain(
      'Set 2 has 1 person',
    );
    expect(saved).toEqual(['3 delegates put into 2 sets']);
  });

  it("saves a set's facilitator and moves a delegate between sets", async () => {
    const { fixture, http, button, select, saved } = await render({
      sets: [set(1, ['Ann', 'Bo']), set(2, ['Cy'])],
      warnings: [],
    });
    select('facilitator-set-1', AISHA.id);
    button('Save facilitator for Set 1')?.click();
    const put = http.expectOne('/api/sets/set-1/facilitator');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ facilitatorId: AISHA.id });
    put.flush({
      sets: [
        set(1, ['Ann', 'Bo'], {
          facilitator: { facilitatorId: AISHA.id, fullName: AISHA.fullName, level: AISHA.level },
        }),
        set(2, ['Cy']),
      ],
      warnings: [],
    });
    await fixture.whenStable();

    select('move-set-2', 'enrolment-Bo');
    button('Move into Set 2')?.click();
    const move = http.expectOne('/api/sets/set-2/members');
    expect(move.request.body).toEqual({ enrolmentId: 'enrolment-Bo' });
    move.flush({ sets: [set(1, ['Ann']), set(2, ['Bo', 'Cy'])], warnings: [] });
    await fixture.whenStable();
    expect(saved).toEqual(['Aisha Rahman facilitates Set 1', 'Bo moved into Set 2']);
  });
});
