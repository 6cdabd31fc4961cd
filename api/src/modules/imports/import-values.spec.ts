import { InstrumentItem } from '@upstand/contracts';
import { parseAnswer, parseSubmittedAt } from './import-values';

const item = (type: InstrumentItem['type'], options?: string[]): InstrumentItem => ({
  code: 'q',
  wording: 'Question',
  type,
  options,
  required: true,
});
const NOW = new Date('2025-01-01T00:00:00Z');

describe('parseAnswer', () => {
  it('takes likert answers as 1–5 or their label, in any case', () => {
    expect(parseAnswer(item('likert-5'), '4')).toEqual({ ok: true, value: 4 });
    expect(parseAnswer(item('likert-5'), ' strongly AGREE ')).toEqual({ ok: true, value: 5 });
    expect(parseAnswer(item('likert-5'), 'Neither agree nor disagree')).toEqual({ ok: true, value: 3 });
    expect(parseAnswer(item('likert-5'), '6')).toMatchObject({ ok: false });
    expect(parseAnswer(item('likert-5'), 'Quite')).toMatchObject({ ok: false });
  });

  it('takes whole numbers 0–10 for a scale, yes/no/1/0/true/false for yes-no', () => {
    expect(parseAnswer(item('scale-0-10'), '0')).toEqual({ ok: true, value: 0 });
    expect(parseAnswer(item('scale-0-10'), '7.0')).toEqual({ ok: true, value: 7 });
    expect(parseAnswer(item('scale-0-10'), '7.5')).toMatchObject({ ok: false });
    expect(parseAnswer(item('scale-0-10'), '11')).toMatchObject({ ok: false });
    expect(['Yes', 'true', '1', 'no', 'FALSE', '0'].map((v) => parseAnswer(item('yes-no'), v))).toEqual(
      [1, 1, 1, 0, 0, 0].map((value) => ({ ok: true, value })),
    );
    expect(parseAnswer(item('yes-no'), 'maybe')).toMatchObject({ ok: false });
  });

  it('matches single-choice options ignoring case and keeps the option text; limits free text', () => {
    const choice = item('single-choice', ['Nurse', 'Doctor']);
    expect(parseAnswer(choice, 'nurse')).toEqual({ ok: true, value: 'Nurse' });
    expect(parseAnswer(choice, 'Porter')).toEqual({
      ok: false,
      message: '"Porter" is not an option of q: use one of Nurse, Doctor',
    });
    expect(parseAnswer(item('free-text'), 'a, b')).toEqual({ ok: true, value: 'a, b' });
    expect(parseAnswer(item('free-text'), 'x'.repeat(4001))).toMatchObject({ ok: false });
    expect(parseAnswer(item('free-text'), ' ')).toMatchObject({ ok: false });
  });
});

describe('parseSubmittedAt', () => {
  const at = (text: string, format: 'uk' | 'us' = 'uk') => {
    const parsed = parseSubmittedAt(text, format, NOW);
    return parsed.ok ? parsed.value.toISOString() : parsed.message;
  };

  it('reads UK dates as London time (GMT in winter, BST in summer)', () => {
    expect(at('10/03/2023')).toBe('2023-03-10T00:00:00.000Z');
    expect(at('10/3/2023 9:41')).toBe('2023-03-10T09:41:00.000Z');
    expect(at('01/07/2023 09:41:22')).toBe('2023-07-01T08:41:22.000Z');
  });

  it('reads US (Microsoft Forms) dates month first, with or without AM/PM', () => {
    expect(at('10/3/2023 9:41:22', 'us')).toBe('2023-10-03T08:41:22.000Z');
    expect(at('3/10/2023 9:41:22 PM', 'us')).toBe('2023-03-10T21:41:22.000Z');
  });

  it('reads ISO with an offset exactly and without one as London time', () => {
    expect(at('2023-07-01T09:00:00Z')).toBe('2023-07-01T09:00:00.000Z');
    expect(at('2023-07-01T09:00:00+02:00')).toBe('2023-07-01T07:00:00.000Z');
    expect(at('2023-07-01 09:00')).toBe('2023-07-01T08:00:00.000Z');
  });

  it('refuses impossible and future dates, naming the expected format', () => {
    expect(at('31/02/2023')).toBe(
      '"31/02/2023" is not a date and time: use dd/mm/yyyy hh:mm or yyyy-mm-ddThh:mm',
    );
    expect(at('13/25/2023', 'us')).toBe(
      '"13/25/2023" is not a date and time: use mm/dd/yyyy hh:mm or yyyy-mm-ddThh:mm',
    );
    expect(at('2023-07-01T25:00')).toMatch(/is not a date and time/);
    expect(at('02/01/2025')).toBe('02/01/2025 is in the future');
  });
});
