import {
  bankHolidayOn,
  computeBankHolidaysByRule,
  easterSunday,
  englandAndWalesBankHolidays,
  isBankHoliday,
  isExtraHoliday,
} from './bank-holidays';
import { dayOfWeek } from './iso-date';

/** England and Wales, as listed on https://www.gov.uk/bank-holidays (written out independently of the table). */
const GOV_UK: Record<number, [string, string][]> = {
  2022: [
    ['2022-01-03', "New Year's Day (substitute day)"],
    ['2022-04-15', 'Good Friday'],
    ['2022-04-18', 'Easter Monday'],
    ['2022-05-02', 'Early May bank holiday'],
    ['2022-06-02', 'Spring bank holiday'],
    ['2022-06-03', 'Platinum Jubilee bank holiday'],
    ['2022-08-29', 'Summer bank holiday'],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ['2022-12-26', 'Boxing Day'],
    ['2022-12-27', 'Christmas Day (substitute day)'],
  ],
  2023: [
    ['2023-01-02', "New Year's Day (substitute day)"],
    ['2023-04-07', 'Good Friday'],
    ['2023-04-10', 'Easter Monday'],
    ['2023-05-01', 'Early May bank holiday'],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
    ['2023-05-29', 'Spring bank holiday'],
    ['2023-08-28', 'Summer bank holiday'],
    ['2023-12-25', 'Christmas Day'],
    ['2023-12-26', 'Boxing Day'],
  ],
  2024: [
    ['2024-01-01', "New Year's Day"],
    ['2024-03-29', 'Good Friday'],
    ['2024-04-01', 'Easter Monday'],
    ['2024-05-06', 'Early May bank holiday'],
    ['2024-05-27', 'Spring bank holiday'],
    ['2024-08-26', 'Summer bank holiday'],
    ['2024-12-25', 'Christmas Day'],
    ['2024-12-26', 'Boxing Day'],
  ],
  2025: [
    ['2025-01-01', "New Year's Day"],
    ['2025-04-18', 'Good Friday'],
    ['2025-04-21', 'Easter Monday'],
    ['2025-05-05', 'Early May bank holiday'],
    ['2025-05-26', 'Spring bank holiday'],
    ['2025-08-25', 'Summer bank holiday'],
    ['2025-12-25', 'Christmas Day'],
    ['2025-12-26', 'Boxing Day'],
  ],
  2026: [
    ['2026-01-01', "New Year's Day"],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-04', 'Early May bank holiday'],
    ['2026-05-25', 'Spring bank holiday'],
    ['2026-08-31', 'Summer bank holiday'],
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-28', 'Boxing Day (substitute day)'],
  ],
  2027: [
    ['2027-01-01', "New Year's Day"],
    ['2027-03-26', 'Good Friday'],
    ['2027-03-29', 'Easter Monday'],
    ['2027-05-03', 'Early May bank holiday'],
    ['2027-05-31', 'Spring bank holiday'],
    ['2027-08-30', 'Summer bank holiday'],
    ['2027-12-27', 'Christmas Day (substitute day)'],
    ['2027-12-28', 'Boxing Day (substitute day)'],
  ],
};

describe('englandAndWalesBankHolidays – published years', () => {
  it.each([2022, 2023, 2024, 2025, 2026, 2027])('matches the GOV.UK list for %i exactly', (year) => {
    const expected = (GOV_UK[year] ?? []).map(([date, name]) => ({ date, name, provisional: false }));
    expect(englandAndWalesBankHolidays(year)).toEqual(expected);
  });

  it('never puts a bank holiday on a weekend', () => {
    for (let year = 2022; year <= 2030; year++) {
      for (const holiday of englandAndWalesBankHolidays(year)) {
        expect([holiday.date, dayOfWeek(holiday.date) <= 5]).toEqual([holiday.date, true]);
      }
    }
  });

  it('returns copies so callers cannot corrupt the table', () => {
    const first = englandAndWalesBankHolidays(2027);
    first.splice(0, first.length);
    expect(englandAndWalesBankHolidays(2027)).toHaveLength(8);
  });

  it('rejects years that are not four-digit integers', () => {
    expect(() => englandAndWalesBankHolidays(2027.5)).toThrow(RangeError);
    expect(() => englandAndWalesBankHolidays(99)).toThrow(RangeError);
  });
});

describe('computeBankHolidaysByRule', () => {
  it.each([2024, 2025, 2026, 2027])(
    'reproduces the published list for %i (no one-off holidays that year)',
    (year) => {
      const published = englandAndWalesBankHolidays(year).map(({ date, name }) => ({ date, name }));
      expect(computeBankHolidaysByRule(year).map(({ date, name }) => ({ date, name }))).toEqual(published);
    },
  );

  it('differs from 2022 and 2023 only by the one-off changes', () => {
    const dates2022 = computeBankHolidaysByRule(2022).map((h) => h.date);
    expect(dates2022).toContain('2022-05-30'); // usual spring bank holiday, moved to 2 June that year
    expect(dates2022).not.toContain('2022-06-02');
    expect(computeBankHolidaysByRule(2023).map((h) => h.date)).not.toContain('2023-05-08');
  });

  it('computes 2028 by rule and marks it provisional', () => {
    expect(englandAndWalesBankHolidays(2028)).toEqual([
      { date: '2028-01-03', name: "New Year's Day (substitute day)", provisional: true },
      { date: '2028-04-14', name: 'Good Friday', provisional: true },
      { date: '2028-04-17', name: 'Easter Monday', provisional: true },
      { date: '2028-05-01', name: 'Early May bank holiday', provisional: true },
      { date: '2028-05-29', name: 'Spring bank holiday', provisional: true },
      { date: '2028-08-28', name: 'Summer bank holiday', provisional: true },
      { date: '2028-12-25', name: 'Christmas Day', provisional: true },
      { date: '2028-12-26', name: 'Boxing Day', provisional: true },
    ]);
  });

  it('handles Christmas on a Sunday (2033) and on a Saturday (2032)', () => {
    const christmas = (year: number) =>
      englandAndWalesBankHolidays(year)
        .filter((h) => h.date.slice(5, 7) === '12')
        .map(({ date, name }) => [date, name]);
    expect(christmas(2033)).toEqual([
      ['2033-12-26', 'Boxing Day'],
      ['2033-12-27', 'Christmas Day (substitute day)'],
    ]);
    expect(christmas(2032)).toEqual([
      ['2032-12-27', 'Christmas Day (substitute day)'],
      ['2032-12-28', 'Boxing Day (substitute day)'],
    ]);
  });

  it('marks years before the table provisional too', () => {
    expect(englandAndWalesBankHolidays(2021).every((h) => h.provisional)).toBe(true);
    expect(englandAndWalesBankHolidays(2021).map((h) => h.date)).toEqual([
      '2021-01-01',
      '2021-04-02',
      '2021-04-05',
      '2021-05-03',
      '2021-05-31',
      '2021-08-30',
      '2021-12-27',
      '2021-12-28',
    ]);
  });
});

describe('easterSunday', () => {
  it.each([
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i: %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('isBankHoliday', () => {
  it('recognises the one-off holidays', () => {
    expect(isBankHoliday('2022-06-02')).toBe(true);
    expect(isBankHoliday('2022-06-03')).toBe(true);
    expect(isBankHoliday('2022-09-19')).toBe(true);
    expect(isBankHoliday('2023-05-08')).toBe(true);
    expect(isBankHoliday('2022-05-30')).toBe(false);
  });

  it('treats the weekend day behind a substitute as not a bank holiday itself', () => {
    expect(isBankHoliday('2027-12-25')).toBe(false);
    expect(isBankHoliday('2027-12-27')).toBe(true);
  });

  it('includes extra closure days given as an array or a Set', () => {
    expect(isBankHoliday('2027-12-29')).toBe(false);
    expect(isBankHoliday('2027-12-29', ['2027-12-29'])).toBe(true);
    expect(isBankHoliday('2027-12-29', new Set(['2027-12-29']))).toBe(true);
    expect(isExtraHoliday('2027-12-29')).toBe(false);
  });

  it('rejects invalid dates', () => {
    expect(() => isBankHoliday('2027-02-30')).toThrow(RangeError);
  });

  it('finds the holiday on a date', () => {
    expect(bankHolidayOn('2022-09-19')?.name).toBe(
      'Bank Holiday for the State Funeral of Queen Elizabeth II',
    );
    expect(bankHolidayOn('2022-09-20')).toBeUndefined();
  });
});
