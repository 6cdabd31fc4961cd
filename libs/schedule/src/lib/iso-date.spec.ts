import {
  addDays,
  addMonths,
  assertIsoDate,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  isWallTime,
  isWeekend,
  parseIsoDate,
  toDayNumber,
  wallTimeToMinutes,
  weekdayOccurrenceInMonth,
} from './iso-date';

describe('isIsoDate', () => {
  it.each(['2027-03-25', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    '2027-02-29',
    '1900-02-29',
    '2027-13-01',
    '2027-00-10',
    '2027-04-31',
    '2027-4-1',
    '27-04-01',
    '2027-04-01T00:00',
    ' 2027-04-01',
    '',
    20270401,
    null,
    undefined,
  ])('rejects %p', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it('assertIsoDate names the label and the value', () => {
    expect(() => assertIsoDate('2027-02-30', 'startDate')).toThrow(
      'startDate: "2027-02-30" is not a valid YYYY-MM-DD date',
    );
  });
});

describe('calendar helpers', () => {
  it('knows leap years', () => {
    expect([1900, 2000, 2024, 2027, 2028].map(isLeapYear)).toEqual([false, true, true, false, true]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(() => daysInMonth(2027, 13)).toThrow(RangeError);
  });

  it('parses dates into parts', () => {
    expect(parseIsoDate('2027-03-25')).toEqual({ year: 2027, month: 3, day: 25 });
  });

  it('validates wall times', () => {
    expect(isWallTime('00:00')).toBe(true);
    expect(isWallTime('23:59')).toBe(true);
    expect(isWallTime('24:00')).toBe(false);
    expect(isWallTime('9:00')).toBe(false);
    expect(isWallTime('09:60')).toBe(false);
    expect(wallTimeToMinutes('12:30')).toBe(750);
  });
});

describe('day numbers', () => {
  it('counts days from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2000-03-01')).toBe(11017);
  });

  it('agrees with Date.UTC and round-trips across several centuries', () => {
    for (let n = toDayNumber('1899-12-25'); n <= toDayNumber('2101-01-05'); n += 13) {
      const date = fromDayNumber(n);
      expect(toDayNumber(date)).toBe(n);
      expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(date);
    }
  });

  it('rejects fractional day numbers', () => {
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['2027-03-22', 1],
    ['2027-03-23', 2],
    ['2027-03-24', 3],
    ['2027-03-25', 4],
    ['2027-03-26', 5],
    ['2027-03-27', 6],
    ['2027-03-28', 7],
    ['1970-01-01', 4],
    ['1969-12-28', 7],
    ['2000-02-29', 2],
  ] as const)('%s is ISO weekday %i', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });

  it('knows weekends', () => {
    expect(isWeekend('2027-03-27')).toBe(true);
    expect(isWeekend('2027-03-28')).toBe(true);
    expect(isWeekend('2027-03-29')).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2027-03-25', 7)).toBe('2027-04-01');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-25', 0)).toBe('2027-03-25');
  });

  it('is unaffected by the clock change', () => {
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
    expect(addDays('2027-10-30', 2)).toBe('2027-11-01');
  });

  it('rejects fractional days and bad dates', () => {
    expect(() => addDays('2027-03-25', 0.5)).toThrow('days: 0.5 is not an integer');
    expect(() => addDays('2027-02-30', 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('keeps the day of the month when it exists', () => {
    expect(addMonths('2027-03-25', 1)).toBe('2027-04-25');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
    expect(addMonths('2027-03-25', -3)).toBe('2026-12-25');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-05-31', 1)).toBe('2027-06-30');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
  });
});

describe('compareDates and daysBetween', () => {
  it('orders dates', () => {
    expect(compareDates('2027-03-25', '2027-03-26')).toBe(-1);
    expect(compareDates('2027-03-26', '2027-03-25')).toBe(1);
    expect(compareDates('2027-03-25', '2027-03-25')).toBe(0);
    expect(['2027-12-01', '2026-01-01', '2027-01-31'].sort(compareDates)).toEqual([
      '2026-01-01',
      '2027-01-31',
      '2027-12-01',
    ]);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2027-03-25', '2027-04-22')).toBe(28);
    expect(daysBetween('2027-04-22', '2027-03-25')).toBe(-28);
  });
});

describe('weekdayOccurrenceInMonth', () => {
  it('finds nth and nth-from-last weekdays', () => {
    expect(weekdayOccurrenceInMonth(2027, 4, 4, 1)).toBe('2027-04-01');
    expect(weekdayOccurrenceInMonth(2027, 4, 4, 5)).toBe('2027-04-29');
    expect(weekdayOccurrenceInMonth(2027, 4, 4, -1)).toBe('2027-04-29');
    expect(weekdayOccurrenceInMonth(2027, 4, 4, -5)).toBe('2027-04-01');
    expect(weekdayOccurrenceInMonth(2027, 5, 1, -1)).toBe('2027-05-31');
    expect(weekdayOccurrenceInMonth(2027, 5, 1, 1)).toBe('2027-05-03');
  });

  it('returns undefined when the month has no such occurrence', () => {
    expect(weekdayOccurrenceInMonth(2027, 2, 1, 5)).toBeUndefined();
    expect(weekdayOccurrenceInMonth(2027, 2, 1, -5)).toBeUndefined();
  });

  it('rejects n outside ±1–5', () => {
    expect(() => weekdayOccurrenceInMonth(2027, 2, 1, 0)).toThrow(RangeError);
    expect(() => weekdayOccurrenceInMonth(2027, 2, 1, 6)).toThrow(RangeError);
  });
});
