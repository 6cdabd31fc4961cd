import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { EvaluationForm, InstrumentItem } from '@upstand/contracts';
import { apiError, signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { QuestionnairePage } from './questionnaire.page';

const ITEMS: InstrumentItem[] = [
  {
    code: 'confidence_intervene',
    wording: 'I feel confident to intervene',
    type: 'likert-5',
    required: true,
  },
  {
    code: 'd_direct',
    wording: 'How confident are you to use Direct? (0 = not at all, 10 = completely)',
    type: 'scale-0-10',
    required: true,
  },
  { code: 'know_support', wording: 'I know where to get support', type: 'yes-no', required: true },
  {
    code: 'staff_role',
    wording: 'Which best describes your role?',
    type: 'single-choice',
    options: ['Clinical', 'Non-clinical'],
    required: false,
  },
  {
    code: 'retro_confidence_intervene',
    wording: 'I felt confident to intervene',
    type: 'likert-5',
    required: true,
    retrospective: true,
  },
  { code: 'do_differently', wording: 'What will you do differently?', type: 'free-text', required: false },
];

function form(
  overrides: Partial<EvaluationForm> = {},
  due: Partial<EvaluationForm['due']> = {},
): EvaluationForm {
  return {
    due: {
      stage: 'post',
      title: 'After the programme',
      opensAt: '2027-06-01T10:00:00Z',
      closesAt: '2027-07-13T10:00:00Z',
      state: 'open',
      submittedAt: null,
      anonymous: false,
      ...due,
    },
    instrument: {
      id: 'instrument-1',
      programmeId: 'programme-1',
      stage: 'post',
      version: 1,
      title: 'After the programme',
      items: ITEMS,
      publishedAt: '2027-01-01T10:00:00Z',
    },
    answers: [],
    anonymous: false,
    ...overrides,
  };
}

async function render(value: EvaluationForm, stage = 'post') {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['delegate']));
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(QuestionnairePage);
  fixture.componentRef.setInput('stage', stage);
  await fixture.whenStable();
  http.expectOne(`/api/me/evaluations/${stage}`).flush(value);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const text = (selector: string) =>
    element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const radio = (code: string, label: string) =>
    Array.from(element.querySelectorAll<HTMLInputElement>(`input[name="answer-${code}"]`)).find(
      (input) => element.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() === label,
    );
  const submit = async () => {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  };
  return { fixture, element, http, navigate, text, radio, submit };
}

describe('QuestionnairePage', () => {
  it('renders every item by its type in NHS fieldsets, with the saved answers chosen', async () => {
    const { element, text, radio } = await render(
      form({
        answers: [
          { itemCode: 'confidence_intervene', value: 4 },
          { itemCode: 'd_direct', value: 0 },
          { itemCode: 'know_support', value: 0 },
          { itemCode: 'do_differently', value: 'Speak up sooner' },
        ],
      }),
    );
    expect(text('h1')).toBe('Questionnaire After the programme');
    expect(text('[data-testid="privacy-note"]')).toContain('anonymous reports');
    expect(text('[data-testid="privacy-note"]')).toContain('equality monitoring answers are never shown');

    const legends = Array.from(element.querySelectorAll('fieldset > legend')).map((legend) =>
      legend.textContent?.trim(),
    );
    expect(legends).toEqual([
      'I feel confident to intervene',
      'How confident are you to use Direct? (0 = not at all, 10 = completely)',
      'I know where to get support',
      'Which best describes your role? (optional)',
      'I felt confident to intervene',
    ]);
    const likert = element.querySelector('[data-item="confidence_intervene"]');
    expect(
      Array.from(likert?.querySelectorAll('label') ?? []).map((label) => label.textContent?.trim()),
    ).toEqual(['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree']);
    expect(radio('confidence_intervene', 'Agree')?.checked).toBe(true);

    const scale = element.querySelector('[data-item="d_direct"]');
    expect(scale?.querySelectorAll('input[type="radio"]').length).toBe(11);
    expect(scale?.querySelector('.nhsuk-radios')?.classList).toContain('nhsuk-radios--inline');
    expect(scale?.querySelector('#answer-d_direct-hint')?.textContent?.trim()).toBe(
      '0 is not at all, 10 is completely',
    );
    expect(scale?.querySelector('fieldset')?.getAttribute('aria-describedby')).toBe('answer-d_direct-hint');
    expect(radio('d_direct', '0')?.checked).toBe(true);
    expect(radio('know_support', 'No')?.checked).toBe(true);
    expect(radio('staff_role', 'Clinical')?.checked).toBe(false);

    expect(text('[data-item="retro_confidence_intervene"] .nhsuk-inset-text')).toContain(
      'Thinking back to before the programme',
    );
    expect(element.querySelector('[data-item="confidence_intervene"] .nhsuk-inset-text')).toBeNull();

    const textarea = element.querySelector<HTMLTextAreaElement>('textarea#answer-do_differently');
    expect(textarea?.value).toBe('Speak up sooner');
    expect(element.querySelector('label[for="answer-do_differently"]')?.textContent?.trim()).toBe(
      'What will you do differently? (optional)',
    );
    expect(textarea?.getAttribute('aria-describedby')).toBe('answer-do_differently-info');
    expect(text('[data-testid="character-count"]')).toBe('You have 3,985 characters remaining');
    expect(element.querySelector('input[name="selfGeneratedCode"]')).toBeNull();
  });

  it('counts characters as the delegate types, and says when there are too many', async () => {
    const { fixture, element, text } = await render(form());
    const textarea = element.querySelector<HTMLTextAreaElement>('textarea') as HTMLTextAreaElement;
    textarea.value = 'x'.repeat(4002);
    textarea.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(text('[data-testid="character-count"]')).toBe('You have 2 characters too many');
    expect(element.querySelector('[data-testid="character-count"]')?.classList).toContain(
      'nhsuk-error-message',
    );
    expect(textarea.classList).toContain('nhsuk-textarea--error');
  });

  it('checks required questions before sending, with an error summary linking to each question', async () => {
    const { fixture, element, http, text, radio, submit } = await render(form());
    radio('confidence_intervene', 'Strongly agree')?.click();
    await submit();
    http.expectNone('/api/me/evaluations/post');

    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('.nhsuk-error-summary a')).map(
      (a) => [a.getAttribute('href'), a.textContent?.trim()],
    );
    expect(links).toEqual([
      ['#answer-d_direct', 'Select a number from 0 to 10 for "How confident are you to use Direct?"'],
      ['#answer-know_support', 'Select yes or no for "I know where to get support"'],
      [
        '#answer-retro_confidence_intervene',
        'Select how much you agree with "I felt confident to intervene"',
      ],
    ]);
    expect(element.querySelector('#answer-d_direct')?.getAttribute('type')).toBe('radio');
    expect(text('[data-item="d_direct"] .nhsuk-error-message')).toBe(
      'Error: Select a number from 0 to 10 for "How confident are you to use Direct?"',
    );
    expect(element.querySelector('[data-item="d_direct"] fieldset')?.getAttribute('aria-describedby')).toBe(
      'answer-d_direct-hint answer-d_direct-error',
    );
    expect(element.querySelector('[data-item="confidence_intervene"] .nhsuk-error-message')).toBeNull();
    expect(document.title).toMatch(/^Error: /);

    radio('d_direct', '0')?.click();
    radio('know_support', 'Yes')?.click();
    radio('retro_confidence_intervene', 'Disagree')?.click();
    await fixture.whenStable();
    await submit();
    const put = http.expectOne('/api/me/evaluations/post');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      answers: [
        { itemCode: 'confidence_intervene', value: 5 },
        { itemCode: 'd_direct', value: 0 },
        { itemCode: 'know_support', value: 1 },
        { itemCode: 'staff_role', value: null },
        { itemCode: 'retro_confidence_intervene', value: 2 },
        { itemCode: 'do_differently', value: null },
      ],
    });
  });

  it('shows the server’s errors against the same questions, and a closed questionnaire without a link', async () => {
    const { fixture, element, http, radio, submit } = await render(
      form({
        answers: [
          { itemCode: 'confidence_intervene', value: 4 },
          { itemCode: 'd_direct', value: 3 },
          { itemCode: 'know_support', value: 1 },
          { itemCode: 'retro_confidence_intervene', value: 2 },
        ],
      }),
    );
    await submit();
    http.expectOne('/api/me/evaluations/post').flush(
      ...apiError(400, 'Bad Request', [
        { field: 'answers.1.value', message: 'd_direct: give a whole number from 0 to 10' },
        { field: 'answers', message: 'Answer "I know where to get support" (know_support)' },
      ]),
    );
    await fixture.whenStable();
    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('.nhsuk-error-summary a')).map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toEqual(['#answer-d_direct', '#answer-know_support']);
    expect(element.querySelector('[data-item="know_support"] .nhsuk-error-message')?.textContent).toContain(
      'Select yes or no for "I know where to get support"',
    );

    radio('d_direct', '4')?.click();
    await submit();
    http.expectOne('/api/me/evaluations/post').flush(...apiError(409, 'This questionnaire has closed'));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'This questionnaire has closed',
    );
    expect(element.querySelectorAll('.nhsuk-error-summary a').length).toBe(0);
  });

  it('saves, then returns to My journey with a success message', async () => {
    const { fixture, http, navigate, submit } = await render(
      form({
        answers: [
          { itemCode: 'confidence_intervene', value: 4 },
          { itemCode: 'd_direct', value: 3 },
          { itemCode: 'know_support', value: 1 },
          { itemCode: 'retro_confidence_intervene', value: 2 },
        ],
      }),
    );
    await submit();
    http.expectOne('/api/me/evaluations/post').flush(form({}, { submittedAt: '2027-06-02T10:00:00Z' }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/journey']);
    expect(TestBed.inject(FlashService).take()).toBe(
      'Thank you. Your answers to "After the programme" have been saved',
    );
  });

  it('asks for the self-generated code in anonymous mode and sends it', async () => {
    const { fixture, element, http, text, radio, submit } = await render(
      form({ anonymous: true }, { anonymous: true, submittedAt: '2027-06-02T10:00:00Z' }),
    );
    expect(text('[data-testid="anonymous-resubmit"]')).toContain(
      'To change them, answer again with the same code',
    );
    expect(element.querySelector('label[for="selfGeneratedCode"]')?.textContent?.trim()).toBe('Your code');
    expect(text('form')).toContain("the first 2 letters of your mother's first name");
    for (const [code, label] of [
      ['confidence_intervene', 'Agree'],
      ['d_direct', '7'],
      ['know_support', 'Yes'],
      ['retro_confidence_intervene', 'Disagree'],
    ]) {
      radio(code as string, label as string)?.click();
    }
    await submit();
    expect(element.querySelector('.nhsuk-error-summary a')?.getAttribute('href')).toBe('#selfGeneratedCode');
    http.expectNone('/api/me/evaluations/post');

    const code = element.querySelector<HTMLInputElement>('#selfGeneratedCode') as HTMLInputElement;
    code.value = 'MA07LE';
    code.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    await submit();
    const put = http.expectOne('/api/me/evaluations/post');
    expect(put.request.body.selfGeneratedCode).toBe('MA07LE');
  });

  it('shows when a questionnaire opens, or that it has closed, instead of the form', async () => {
    const waiting = await render(form({}, { state: 'not-yet-open' }));
    expect(waiting.element.querySelector('form')).toBeNull();
    expect(waiting.text('[data-testid="questionnaire-state"]')).toBe(
      'This questionnaire is not open yet. It opens on Tuesday 1 June 2027.',
    );
    TestBed.resetTestingModule();

    const closed = await render(form({}, { state: 'closed', submittedAt: '2027-06-02T10:00:00Z' }));
    expect(closed.element.querySelector('form')).toBeNull();
    expect(closed.text('[data-testid="questionnaire-state"]')).toBe(
      'This questionnaire closed at 11:00am on Tuesday 13 July 2027 and can no longer be answered or changed. Thank you for answering it on Wednesday 2 June 2027.',
    );
    expect(closed.element.querySelector('a[href="/journey"]')).not.toBeNull();
  });

  it('says there is no such questionnaire for an unknown stage, without asking the API', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(user(['delegate']));
    const fixture = TestBed.createComponent(QuestionnairePage);
    fixture.componentRef.setInput('stage', 'session-feedback');
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).expectNone('/api/me/evaluations/session-feedback');
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('.nhsuk-error-summary')?.textContent,
    ).toContain('There is no questionnaire for you here');
  });
});
