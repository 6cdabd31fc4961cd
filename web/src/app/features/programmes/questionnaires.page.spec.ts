import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { EvaluationStage, Instrument, Programme } from '@upstand/contracts';
import { apiError, PROGRAMME, signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { QuestionnairesPage } from './questionnaires.page';

function instrument(stage: EvaluationStage, version: number, items: Instrument['items']): Instrument {
  return {
    id: `instrument-${stage}`,
    programmeId: PROGRAMME.id,
    stage,
    version,
    title: `Title of ${stage}`,
    publishedAt: '2025-03-04T10:00:00.000Z',
    items,
  };
}

const HEADLINE = {
  code: 'confidence_intervene',
  wording: 'I feel confident to intervene',
  type: 'likert-5' as const,
  construct: 'confidence-to-intervene',
  required: true,
};

async function render(flash?: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['programme-lead']));
  if (flash) TestBed.inject(FlashService).set(flash);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(QuestionnairesPage);
  fixture.componentRef.setInput('id', PROGRAMME.id);
  await fixture.whenStable();
  return { fixture, http, element: fixture.nativeElement as HTMLElement };
}

describe('QuestionnairesPage', () => {
  it('shows each stage in journey order with its version, publication time, questions and an edit link', async () => {
    const { fixture, http, element } = await render(
      'Version 3 published. Responses already given keep the version they were answered in.',
    );
    http.expectOne(`/api/programmes/${PROGRAMME.id}`).flush(PROGRAMME as Programme);
    http.expectOne(`/api/programmes/${PROGRAMME.id}/instruments`).flush([
      instrument('session-feedback', 1, [{ ...HEADLINE, code: 'session_useful', construct: null }]),
      instrument('follow-up', 3, [
        HEADLINE,
        {
          code: 'role',
          wording: 'Your role',
          type: 'single-choice',
          options: ['Nurse', 'Doctor'],
          construct: null,
          required: false,
        },
      ]),
      instrument('pre', 1, [HEADLINE]),
      instrument('post', 2, [{ ...HEADLINE, retrospective: true }]),
    ]);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      'Version 3 published. Responses already given keep the version they were answered in.',
    );
    expect(Array.from(element.querySelectorAll('section h2')).map((h2) => h2.textContent?.trim())).toEqual([
      'Before the workshop',
      'After the fifth learning set',
      'Follow-up 3 months later',
      'Session feedback',
    ]);
    const followUp = element.querySelector('[data-stage="follow-up"]') as HTMLElement;
    expect(followUp.querySelector('[data-testid="version"]')?.textContent?.trim()).toBe('3');
    expect(followUp.textContent).toContain('10:00am on Tuesday 4 March 2025');
    const rows = Array.from(followUp.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toEqual([
      [
        'confidence_intervene',
        'I feel confident to intervene',
        'Agree or disagree (5 points)',
        'Confidence to intervene',
      ],
      ['role', 'Your role Optional · Options: Nurse, Doctor', 'Choose one option', 'None'],
    ]);
    expect(element.querySelector('[data-stage="post"]')?.textContent).toContain('Retrospective');
    const edit = followUp.querySelector<HTMLAnchorElement>('a[href$="/questionnaires/follow-up"]');
    expect(edit?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Edit questions for Follow-up 3 months later',
    );
    expect(edit?.getAttribute('href')).toBe(`/programmes/${PROGRAMME.id}/questionnaires/follow-up`);
  });

  it('says when the programme does not exist', async () => {
    const { fixture, http, element } = await render();
    http.expectOne(`/api/programmes/${PROGRAMME.id}`).flush(...apiError(404, 'Programme was not found'));
    // forkJoin cancels the other request once one fails.
    expect(http.expectOne(`/api/programmes/${PROGRAMME.id}/instruments`).cancelled).toBe(true);
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'This programme does not exist.',
    );
  });
});
