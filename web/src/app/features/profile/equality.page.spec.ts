import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { EqualityMonitoring } from '@upstand/contracts';
import { signInAs, user } from '../../../testing/fixtures';
import { EQUALITY_MESSAGES, EqualityPage } from './equality.page';
import { ETHNICITY_OPTIONS, PREFER_NOT_TO_SAY } from './profile.model';

const NONE: EqualityMonitoring = { ethnicCategory: null, disability: null, sex: null, ageBand: null };

async function render(answers: EqualityMonitoring) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['delegate']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(EqualityPage);
  await fixture.whenStable();
  http.expectOne('/api/me/equality').flush(answers);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const groups = () =>
    Array.from(element.querySelectorAll('app-radios')).map((group) => ({
      legend: group.querySelector('legend')?.textContent?.trim(),
      labels: Array.from(group.querySelectorAll('.nhsuk-radios__label')).map((label) =>
        label.textContent?.trim(),
      ),
    }));
  const button = (text: string) =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  return { fixture, element, http, groups, button };
}

describe('EqualityPage', () => {
  it('explains why it asks, and offers "I prefer not to say" on every question', async () => {
    const { element, groups } = await render(NONE);
    const explanation = element.querySelector('[data-testid="equality-explanation"]')?.textContent ?? '';
    expect(explanation).toContain('optional');
    expect(explanation).toContain('stored separately from your name');
    expect(explanation).toContain('Small numbers are hidden');
    expect(explanation).toContain('never used to make decisions about you');
    expect(explanation).toContain('remove your answers at any time');
    const questions = groups();
    expect(questions.map((q) => q.legend)).toEqual([
      'What is your ethnic group?',
      'Do you consider yourself to have a disability?',
      'What is your sex?',
      'What is your age?',
    ]);
    for (const question of questions) expect(question.labels).toContain(PREFER_NOT_TO_SAY);
    // Nothing is chosen for the delegate.
    expect(element.querySelectorAll('input[type="radio"]:checked')).toHaveLength(0);
  });

  it('groups ethnicity under the NHS Data Dictionary headings, with "I prefer not to say" after "or"', async () => {
    const { element } = await render(NONE);
    const ethnicity = element.querySelector('app-radios');
    const headings = Array.from(ethnicity?.querySelectorAll('.app-radios__group-legend') ?? []).map(
      (legend) => legend.textContent?.trim(),
    );
    expect(headings).toEqual([
      'White',
      'Mixed or multiple ethnic groups',
      'Asian or Asian British',
      'Black, Black British, Caribbean or African',
      'Other ethnic group',
    ]);
    expect(ethnicity?.querySelector('.nhsuk-radios__divider')?.textContent).toBe('or');
    expect(ethnicity?.querySelectorAll('input[type="radio"]')).toHaveLength(ETHNICITY_OPTIONS.length);
    const pakistani = ethnicity?.querySelector<HTMLInputElement>('input[value="J"]');
    expect(pakistani?.labels?.[0]?.textContent?.trim()).toBe('Pakistani');
    expect(pakistani?.closest('fieldset')?.querySelector('legend')?.textContent?.trim()).toBe(
      'Asian or Asian British',
    );
  });

  it('sends null for every question left unanswered', async () => {
    const { fixture, element, http, button } = await render(NONE);
    element.querySelector<HTMLInputElement>('input[name="sex"][value="prefer-not-to-say"]')?.click();
    await fixture.whenStable();
    button('Save answers')?.click();
    const request = http.expectOne('/api/me/equality');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ ...NONE, sex: 'prefer-not-to-say' });
    request.flush({ ...NONE, sex: 'prefer-not-to-say' });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      EQUALITY_MESSAGES.saved,
    );
  });

  it('removes the answers with DELETE ("stop using my answers")', async () => {
    const { fixture, element, http, button } = await render({
      ...NONE,
      ethnicCategory: 'A',
      ageBand: '25-34',
    });
    expect(element.querySelector<HTMLInputElement>('input[value="A"]')?.checked).toBe(true);
    button('Remove my answers')?.click();
    const request = http.expectOne('/api/me/equality');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(element.querySelectorAll('input[type="radio"]:checked')).toHaveLength(0);
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      EQUALITY_MESSAGES.removed,
    );
    expect(button('Remove my answers')).toBeUndefined();
  });
});
