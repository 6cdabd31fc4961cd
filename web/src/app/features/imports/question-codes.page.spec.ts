import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Instrument, Programme } from '@upstand/contracts';
import { PROGRAMME, signInAs, user } from '../../../testing/fixtures';
import { acceptedAnswers } from './imports.model';
import { QuestionCodesPage } from './question-codes.page';

const OTHER = { id: 'programme-2', name: 'Allyship Programme' } as Programme;

const instrument = (stage: Instrument['stage'], items: Instrument['items']): Instrument => ({
  id: `instrument-${stage}`,
  programmeId: PROGRAMME.id,
  stage,
  version: 2,
  title: `${stage} questionnaire`,
  items,
  publishedAt: '2026-01-05T10:00:00Z',
});

const INSTRUMENTS: Instrument[] = [
  instrument('session-feedback', [
    { code: 'useful', wording: 'This session was useful to me', type: 'likert-5', required: true },
  ]),
  instrument('post', [
    { code: 'do_differently', wording: 'What will you do differently?', type: 'free-text', required: false },
  ]),
  instrument('pre', [
    {
      code: 'confidence_intervene',
      wording: 'I feel confident to intervene',
      type: 'likert-5',
      required: true,
    },
    {
      code: 'role',
      wording: 'Your role',
      type: 'single-choice',
      options: ['Nurse', 'Doctor'],
      required: true,
    },
  ]),
];

async function render(programmeId?: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['programme-lead']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(QuestionCodesPage);
  if (programmeId) fixture.componentRef.setInput('programmeId', programmeId);
  await fixture.whenStable();
  http.expectOne('/api/programmes').flush([PROGRAMME, OTHER]);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const rows = (stage: string) =>
    Array.from(element.querySelectorAll(`[data-testid="codes-${stage}"] tbody tr`)).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) =>
        Array.from(cell.children)
          .filter((child) => !child.classList.contains('nhsuk-table-responsive__heading'))
          .map((child) => child.textContent)
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
    );
  return { fixture, element, http, rows };
}

describe('QuestionCodesPage', () => {
  it('lists the codes of each imported stage in journey order, with wording and the answers taken', async () => {
    const { fixture, element, http, rows } = await render();
    // Sorted by name, the Active Bystander Programme comes first.
    http.expectOne(`/api/programmes/${PROGRAMME.id}/instruments`).flush(INSTRUMENTS);
    await fixture.whenStable();
    expect(Array.from(element.querySelectorAll('h2')).map((h) => h.textContent?.trim())).toEqual([
      'Before the workshop',
      'After the fifth learning set',
    ]);
    expect(rows('pre')).toEqual([
      [
        'confidence_intervene',
        'I feel confident to intervene',
        '1 to 5, or Strongly disagree, Disagree, Neither agree nor disagree, Agree, Strongly agree',
      ],
      ['role', 'Your role', 'One of: Nurse, Doctor'],
    ]);
    expect(rows('post')).toEqual([
      ['do_differently', 'What will you do differently? Optional', 'Text, up to 4,000 characters'],
    ]);
    // Session feedback is never imported, so its codes are not listed.
    expect(element.querySelector('[data-testid="codes-session-feedback"]')).toBeNull();
  });

  it('shows the programme in the address, and moves to another one chosen from the list', async () => {
    const { fixture, element, http } = await render(OTHER.id);
    http.expectOne(`/api/programmes/${OTHER.id}/instruments`).flush([]);
    await fixture.whenStable();
    expect(element.textContent).toContain('This programme has no questionnaires yet.');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    element.querySelector<HTMLSelectElement>('#programmeId')!.value = PROGRAMME.id;
    element.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(navigate).toHaveBeenCalledWith(['/imports/question-codes'], {
      queryParams: { programmeId: PROGRAMME.id },
    });
  });
});

describe('acceptedAnswers', () => {
  it('says what the response import takes for each type of question', () => {
    expect(acceptedAnswers({ type: 'scale-0-10' })).toBe('A whole number from 0 to 10');
    expect(acceptedAnswers({ type: 'yes-no' })).toBe('yes or no');
  });
});
