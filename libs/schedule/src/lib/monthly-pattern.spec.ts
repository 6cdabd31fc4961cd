import {
  monthlyPatternOf,
  monthlySameWeekday,
  nthWeekdayOfMonth,
  patternDateInMonth,
} from './monthly-pattern';
import { isWorkingDay } from './working-days';

describe('nthWeekdayOfMonth', () => {
  it('finds the 1st–4th and last weekday of a month', () => {
    expect(nthWeekdayOfMonth(2027, 4, 4, 1)).toBe('2027-04-01');
    expect(nthWeekdayOfMonth(2027, 4, 4, 4)).toBe('2027-04-22');
    expect(nthWeekdayOfMonth(2027, 4, 4, -1)).toBe('2027-04-29');
    expect(nthWeekdayOfMonth(2027, 5, 4, 4)).toBe('2027-05-27');
    expect(nthWeekdayOfMonth(2027, 5, 1, -1)).toBe('2027-05-31');
    expect(nthWeekdayOfMonth(2027, 2, 7, 4)).toBe('2027-02-28');
    expect(nthWeekdayOfMonth(2027, 1, 3, 1)).toBe('2027-01-06');
  });

  it('rejects unsupported week numbers', () => {
    expect(() => nthWeekdayOfMonth(2027, 4, 4, 5 as never)).toThrow('n: 5 must be 1–4 or -1 (last)');
  });
});

describe('monthlyPatternOf', () => {
  it('reads the weekday and week of the month', () => {
    expect(monthlyPatternOf('2027-04-22')).toEqual({ weekday: 4, week: 4 });
    expect(monthlyPatternOf('2027-04-01')).toEqual({ weekday: 4, week: 1 });
    expect(monthlyPatternOf('2027-04-28')).toEqual({ weekday: 3, week: 4 });
  });

  it('turns a 5th occurrence into "last"', () => {
    expect(monthlyPatternOf('2027-04-29')).toEqual({ weekday: 4, week: -1 });
    expect(monthlyPatternOf('2027-03-29')).toEqual({ weekday: 1, week: -1 });
  });

  it('finds the pattern date in a later month', () => {
    expect(patternDateInMonth('2027-04-22', { weekday: 4, week: 4 }, 9)).toBe('2028-01-27');
  });
});

describe('monthlySameWeekday', () => {
  it('follows the 4th Thursday from Thursday 22 April 2027', () => {
    expect(monthlySameWeekday('2027-04-22', 4)).toEqual([
      '2027-05-27',
      '2027-06-24',
      '2027-07-22',
      '2027-08-26',
    ]);
  });

  it('can include the anchor month', () => {
    expect(monthlySameWeekday('2027-04-22', 2, { includeAnchor: true })).toEqual([
      '2027-04-22',
      '2027-05-27',
    ]);
  });

  it('uses the last weekday when the anchor is a 5th occurrence', () => {
    expect(monthlySameWeekday('2027-04-29', 4)).toEqual([
      '2027-05-27',
      '2027-06-24',
      '2027-07-29',
      '2027-08-26',
    ]);
  });

  it('moves a bank holiday to the next working day without drifting the pattern', () => {
    // First Monday from 5 April 2027: 3 May is the early May bank holiday.
    expect(monthlySameWeekday('2027-04-05', 4)).toEqual([
      '2027-05-04',
      '2027-06-07',
      '2027-07-05',
      '2027-08-02',
    ]);
    // Last Monday from 29 March 2027: 31 May and 30 August are bank holidays.
    expect(monthlySameWeekday('2027-03-29', 5)).toEqual([
      '2027-04-26',
      '2027-06-01',
      '2027-06-28',
      '2027-07-26',
      '2027-08-31',
    ]);
  });

  it('moves over Christmas and New Year', () => {
    // 4th Monday from 22 Nov 2027 → 27 Dec 2027 is the substitute Christmas Day, 28 Dec substitute Boxing Day.
    expect(monthlySameWeekday('2027-11-22', 2)).toEqual(['2027-12-29', '2028-01-24']);
  });

  it('never returns a weekend, even for a weekend anchor', () => {
    const dates = monthlySameWeekday('2027-03-27', 12);
    expect(dates.every((date) => isWorkingDay(date))).toBe(true);
    // 4th Saturday → following Monday; 28 Aug 2027 → Mon 30 Aug is a bank holiday → Tue 31 Aug.
    expect(dates.slice(0, 5)).toEqual(['2027-04-26', '2027-05-24', '2027-06-28', '2027-07-26', '2027-08-31']);
    // 4th Saturday of Dec 2027 is Christmas Day; Mon 27 and Tue 28 are substitute days.
    expect(dates[8]).toBe('2027-12-29');
  });

  it('honours extra closure days', () => {
    expect(monthlySameWeekday('2027-04-22', 1, { extraHolidays: ['2027-05-27'] })).toEqual(['2027-05-28']);
  });

  it('returns nothing for count 0 and rejects bad input', () => {
    expect(monthlySameWeekday('2027-04-22', 0)).toEqual([]);
    expect(() => monthlySameWeekday('2027-04-22', -1)).toThrow(RangeError);
    expect(() => monthlySameWeekday('2027-04-31', 1)).toThrow(
      'anchor: "2027-04-31" is not a valid YYYY-MM-DD date',
    );
  });
});
