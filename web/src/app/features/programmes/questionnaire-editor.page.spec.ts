import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Instrument, Programme } from '@upstand/contracts';
import { apiError, PROGRAMME, signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { QuestionnaireEditorPage } from './questionnaire-editor.page';

const FOLLOW_UP: Instrument = {
  id: 'instrument-3',
  programmeId: PROGRAMME.id,
  stage: 'follow-up',
  version: 2,
  title: 'Three months on',
  publishedAt: '2025-03-04T10:00:00.000Z',
  items: [
    {
      code: 'confidence_intervene',
      wording: 'I feel confident to intervene',
      shortLabel: 'Confidence to intervene',
      type: 'likert-5',
      construct: 'confidence-to-intervene',
      required: true,
    },
    {
      code: 'know_support',
      wording: 'I know where to get support',
      type: 'yes-no',
      construct: null,
      required: true,
    },
    {
      code: 'do_differently',
      wording: 'What will you do differently?',
      type: 'free-text',
      construct: null,
      required: false,
    },
  ],
};

const instruments = (followUp: Instrument = FOLLOW_UP): Instrument[] => [
  { ...followUp, id: 'instrument-1', stage: 'pre', title: 'Before the programme', version: 1 },
  followUp,
];

async function render(stage = 'follow-up') {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['programme-lead']));
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(QuestionnaireEditorPage);
  fixture.componentRef.setInput('id', PROGRAMME.id);
  fixture.componentRef.setInput('stage', stage);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const byId = <T extends HTMLElement = HTMLInputElement>(id: string) =>
    element.querySelector<T>(`[id="${id}"]`);
  const type = async (id: string, value: string) => {
    const input = byId<HTMLInputElement>(id);
    if (!input) throw new Error(`No input #${id}`);
    input.value = value;
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
    await fixture.whenStable();
  };
  const button = (text: string) => {
    const found = Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find(
      (candidate) => candidate.textContent?.replace(/\s+/g, ' ').trim() === text,
    );
    if (!found) throw new Error(`No button "${text}"`);
    return found;
  };
  const click = async (text: string) => {
    button(text).click();
    await fixture.whenStable();
  };
  const headings = () =>
    Array.from(element.querySelectorAll('fieldset.app-question')).map((fieldset) =>
      fieldset.getAttribute('data-item'),
    );
  return { fixture, element, http, navigate, byId, type, button, click, headings };
}

async function loaded(stage = 'follow-up') {
  const page = await render(stage);
  page.http.expectOne(`/api/programmes/${PROGRAMME.id}`).flush(PROGRAMME as Programme);
  page.http.expectOne(`/api/programmes/${PROGRAMME.id}/instruments`).flush(instruments());
  await page.fixture.whenStable();
  return page;
}

describe('QuestionnaireEditorPage', () => {
  it('shows every question with its wording, type and construct; published codes cannot be changed', async () => {
    const { element, byId } = await loaded();
    expect(element.querySelector('h1')?.textContent).toContain('Edit questions: Follow-up 3 months later');
    expect(element.querySelector('[data-testid="current-version"]')?.textContent).toContain('Version 2');
    expect(byId('title')?.value).toBe('Three months on');
    expect(byId<HTMLTextAreaElement>('items.0.wording')?.value).toBe('I feel confident to intervene');
    expect(byId<HTMLSelectElement>('items.1.type')?.value).toBe('yes-no');
    expect(byId<HTMLSelectElement>('items.0.construct')?.value).toBe('confidence-to-intervene');
    expect(byId('items.2.required')?.checked).toBe(false);
    // A published code is shown, not an input; its hint says why.
    expect(byId('items.0.code')).toBeNull();
    expect(element.querySelector('[data-row="0"]')?.textContent).toContain('confidence_intervene');
    expect(element.querySelector('[data-row="0"]')?.textContent).toContain('cannot be changed');
    // Options appear only for single-choice questions.
    expect(byId('items.1.options')).toBeNull();
  });

  it("previews unsaved edits with the delegate's questionnaire form, saving nothing, then goes back to editing", async () => {
    const { fixture, element, http, byId, type, click } = await loaded();
    // A list of the questions at the top, each linking to its question.
    expect(
      Array.from(element.querySelectorAll('[data-testid="question-contents"] a')).map((a) => [
        a.textContent?.trim(),
        a.getAttribute('href'),
      ]),
    ).toEqual([
      ['1. I feel confident to intervene', '#items.0'],
      ['2. I know where to get support', '#items.1'],
      ['3. What will you do differently?', '#items.2'],
    ]);
    await type('items.1.wording', 'I know where to find support');
    await click('Preview as a delegate sees it');
    const preview = element.querySelector<HTMLElement>('[data-testid="questionnaire-preview"]')!;
    expect(document.activeElement?.id).toBe('preview-heading');
    expect(preview.querySelector('[data-testid="preview-title"]')?.textContent).toBe('Three months on');
    // The delegate's own question components: the edit is there, as radios and a textarea.
    expect(
      Array.from(preview.querySelectorAll('app-questionnaire-item')).map((item) =>
        item.getAttribute('data-item'),
      ),
    ).toEqual(['confidence_intervene', 'know_support', 'do_differently']);
    expect(preview.textContent).toContain('I know where to find support');
    expect(preview.querySelectorAll('input[type="radio"]').length).toBe(7);
    expect(element.querySelector('fieldset.app-question')).toBeNull();

    // Sent empty, it says what a delegate would be told; answered, it says so and sends nothing.
    await click('Submit answers');
    expect(preview.querySelectorAll('.nhsuk-error-summary li').length).toBe(2);
    preview.querySelector<HTMLInputElement>('input[name="answer-confidence_intervene"][value="4"]')!.click();
    preview.querySelector<HTMLInputElement>('input[name="answer-know_support"][value="1"]')!.click();
    await fixture.whenStable();
    await click('Submit answers');
    expect(preview.querySelector('[data-testid="preview-accepted"]')?.textContent).toContain(
      'Nothing was saved',
    );
    http.expectNone(() => true);

    await click('Back to editing');
    expect(byId<HTMLTextAreaElement>('items.1.wording')?.value).toBe('I know where to find support');
    expect(element.querySelector('[data-testid="questionnaire-preview"]')).toBeNull();
  });

  it('will not preview a questionnaire that could not be published, saying why', async () => {
    const { element, type, click } = await loaded();
    await type('items.0.wording', ' ');
    await click('Preview as a delegate sees it');
    expect(element.querySelector('[data-testid="questionnaire-preview"]')).toBeNull();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain('question 1');
  });

  it('publishes the edited questions with PUT and returns to the questionnaires with the new version', async () => {
    const { fixture, http, type, click, navigate } = await loaded();
    await type('items.2.wording', 'What have you done differently since the programme?');
    await click('Publish new version');
    const request = http.expectOne(`/api/programmes/${PROGRAMME.id}/instruments/follow-up`);
    expect(request.request.method).toBe('PUT');
    expect(request.request.body.title).toBe('Three months on');
    expect(request.request.body.items[2]).toEqual({
      code: 'do_differently',
      wording: 'What have you done differently since the programme?',
      type: 'free-text',
      construct: null,
      required: false,
    });
    request.flush({ ...FOLLOW_UP, version: 3 });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/programmes', PROGRAMME.id, 'questionnaires']);
    expect(TestBed.inject(FlashService).take()).toBe(
      'Version 3 published. Responses already given keep the version they were answered in.',
    );
  });

  it('edits the short label charts and the board report use, and sends none when it is emptied', async () => {
    const { http, byId, type, click } = await loaded();
    expect(byId('items.0.shortLabel')?.value).toBe('Confidence to intervene');
    await type('items.0.shortLabel', ' Confident to step in ');
    await type('items.1.shortLabel', 'Knows where to get support');
    await click('Publish new version');
    const request = http.expectOne(`/api/programmes/${PROGRAMME.id}/instruments/follow-up`);
    expect(request.request.body.items[0].shortLabel).toBe('Confident to step in');
    expect(request.request.body.items[1].shortLabel).toBe('Knows where to get support');
    expect(request.request.body.items[2]).not.toHaveProperty('shortLabel');
  });

  it('adds a single-choice question with a new code, checks it, then sends its options', async () => {
    const { http, element, byId, type, click } = await loaded();
    await click('Add a question');
    expect(document.activeElement).toBe(byId('items.3.code'));
    expect(element.querySelector('[data-testid="list-status"]')?.textContent).toContain('Question 4 added');
    await type('items.3.code', 'know_support');
    await type('items.3.type', 'single-choice');
    await click('Publish new version');
    http.expectNone(`/api/programmes/${PROGRAMME.id}/instruments/follow-up`);
    const summary = element.querySelector('.nhsuk-error-summary');
    expect(summary?.textContent).toContain('Question 4 has the same code as question 2');
    expect(summary?.textContent).toContain('Enter the wording of question 4');
    expect(summary?.textContent).toContain('Enter at least two options for question 4');
    expect(element.querySelector('[id="items.3.options-error"]')?.textContent).toContain('two options');

    await type('items.3.code', 'role');
    await type('items.3.wording', 'Which best describes your role?');
    await type('items.3.options', 'Nurse\nDoctor\nPorter');
    await click('Publish new version');
    const request = http.expectOne(`/api/programmes/${PROGRAMME.id}/instruments/follow-up`);
    expect(request.request.body.items[3]).toEqual({
      code: 'role',
      wording: 'Which best describes your role?',
      type: 'single-choice',
      options: ['Nurse', 'Doctor', 'Porter'],
      construct: null,
      required: true,
    });
  });

  it("shows the API's field errors in the error summary, linked to the question's input", async () => {
    const { fixture, http, element, click } = await loaded();
    await click('Publish new version');
    http
      .expectOne(`/api/programmes/${PROGRAMME.id}/instruments/follow-up`)
      .flush(
        ...apiError(400, 'Bad Request', [{ field: 'items.1.wording', message: 'wording must not be empty' }]),
      );
    await fixture.whenStable();
    const link = element.querySelector<HTMLAnchorElement>('.nhsuk-error-summary a');
    expect(link?.textContent).toBe('Question 2: wording must not be empty');
    expect(link?.getAttribute('href')).toBe('#items.1.wording');
    expect(element.querySelector('[id="items.1.wording-error"]')?.textContent).toContain(
      'wording must not be empty',
    );
    expect(document.title).toMatch(/^Error: /);
  });

  it('moves questions up and down by button, keeping focus on the moved question and announcing its place', async () => {
    const { element, click, headings, button } = await loaded();
    expect(headings()).toEqual(['confidence_intervene', 'know_support', 'do_differently']);
    // The first question cannot move up, the last cannot move down.
    expect(() => button('Move up question 1')).toThrow();
    expect(() => button('Move down question 3')).toThrow();

    await click('Move down question 1');
    expect(headings()).toEqual(['know_support', 'confidence_intervene', 'do_differently']);
    const status = () => element.querySelector('[data-testid="list-status"]')?.textContent?.trim();
    expect(status()).toBe('“I feel confident to intervene” moved down to question 2 of 3');
    expect(document.activeElement?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Move down question 2');

    await click('Move down question 2');
    expect(headings()).toEqual(['know_support', 'do_differently', 'confidence_intervene']);
    // At the bottom there is no "Move down": focus goes to "Move up" of the same question.
    expect(document.activeElement?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Move up question 3');

    await click('Move up question 3');
    expect(headings()).toEqual(['know_support', 'confidence_intervene', 'do_differently']);
    expect(status()).toBe('“I feel confident to intervene” moved up to question 2 of 3');
  });

  it('removes a question, focusing the question that took its place', async () => {
    const { element, click, headings, byId } = await loaded();
    await click('Remove question 2');
    expect(headings()).toEqual(['confidence_intervene', 'do_differently']);
    expect(document.activeElement).toBe(byId('items.1'));
    expect(element.querySelector('[data-testid="list-status"]')?.textContent).toContain(
      'Question 2 removed. 2 questions left.',
    );
  });

  it('says when the stage does not exist', async () => {
    const { element, http } = await render('during');
    http.expectNone(`/api/programmes/${PROGRAMME.id}/instruments`);
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'There is no questionnaire for this stage.',
    );
  });
});
