import { EvaluationAnswer, FieldError, InstrumentItem } from '@upstand/contracts';

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Checks each answer against its item's type, every required item answered, no unknown items. */
export function validateAnswers(items: InstrumentItem[], answers: EvaluationAnswer[]): FieldError[] {
  const errors: FieldError[] = [];
  const byCode = new Map(items.map((item) => [item.code, item]));
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    const field = `answers.${index}.value`;
    const item = byCode.get(answer.itemCode);
    if (!item)
      return errors.push({
        field: `answers.${index}.itemCode`,
        message: `${answer.itemCode} is not a question in this questionnaire`,
      });
    if (seen.has(answer.itemCode))
      return errors.push({
        field: `answers.${index}.itemCode`,
        message: `${answer.itemCode} is answered twice`,
      });
    seen.add(answer.itemCode);
    const value = answer.value;
    if (value === null || value === '') return;
    const ok =
      item.type === 'likert-5'
        ? isInteger(value) && value >= 1 && value <= 5
        : item.type === 'scale-0-10'
          ? isInteger(value) && value >= 0 && value <= 10
          : item.type === 'yes-no'
            ? value === 0 || value === 1
            : item.type === 'single-choice'
              ? typeof value === 'string' && (item.options ?? []).includes(value)
              : typeof value === 'string' && value.length <= 4000;
    if (!ok) errors.push({ field, message: `${answer.itemCode}: ${EXPECTED[item.type]}` });
    return undefined;
  });
  for (const item of items) {
    const given = answers.find((answer) => answer.itemCode === item.code);
    if (item.required && (given === undefined || given.value === null || given.value === '')) {
      errors.push({ field: 'answers', message: `Answer "${item.wording}" (${item.code})` });
    }
  }
  return errors;
}

const EXPECTED: Record<InstrumentItem['type'], string> = {
  'likert-5': 'choose from strongly disagree (1) to strongly agree (5)',
  'scale-0-10': 'give a whole number from 0 to 10',
  'yes-no': 'answer yes (1) or no (0)',
  'single-choice': 'choose one of the options',
  'free-text': 'write at most 4,000 characters',
};
