import { InstrumentItem } from '@upstand/contracts';
import { validateAnswers } from './answer-validation';

const items: InstrumentItem[] = [
  { code: 'confidence', wording: 'Confident', type: 'likert-5', required: true },
  { code: 'scale', wording: 'Scale', type: 'scale-0-10', required: true },
  { code: 'yes', wording: 'Yes or no', type: 'yes-no', required: false },
  { code: 'choice', wording: 'Choice', type: 'single-choice', options: ['A', 'B'], required: false },
  { code: 'comment', wording: 'Comment', type: 'free-text', required: false },
];

describe('validateAnswers', () => {
  it('accepts answers of the right type, optional ones left out', () => {
    expect(
      validateAnswers(items, [
        { itemCode: 'confidence', value: 4 },
        { itemCode: 'scale', value: 0 },
        { itemCode: 'choice', value: 'B' },
      ]),
    ).toEqual([]);
  });

  it('names each wrong answer by its position and the missing required ones', () => {
    const errors = validateAnswers(items, [
      { itemCode: 'confidence', value: 6 },
      { itemCode: 'yes', value: 2 },
      { itemCode: 'choice', value: 'C' },
      { itemCode: 'mystery', value: 1 },
    ]);
    expect(errors).toEqual([
      {
        field: 'answers.0.value',
        message: 'confidence: choose from strongly disagree (1) to strongly agree (5)',
      },
      { field: 'answers.1.value', message: 'yes: answer yes (1) or no (0)' },
      { field: 'answers.2.value', message: 'choice: choose one of the options' },
      { field: 'answers.3.itemCode', message: 'mystery is not a question in this questionnaire' },
      { field: 'answers', message: 'Answer "Scale" (scale)' },
    ]);
  });

  it('refuses decimals on integer scales and duplicates', () => {
    expect(
      validateAnswers(items, [
        { itemCode: 'confidence', value: 3.5 },
        { itemCode: 'scale', value: 5 },
        { itemCode: 'scale', value: 6 },
      ]).map((error) => error.field),
    ).toEqual(['answers.0.value', 'answers.2.itemCode']);
  });
});
