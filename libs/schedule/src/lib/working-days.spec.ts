import {
  addDays,
  addMonths,
  addWorkingDays,
  compareDates,
  dayOfWeek,
  isIsoDate,
  isWorkingDay,
  nextWorkingDay,
  onOrNextWorkingDay,
  previousWorkingDay,
} from './working-days';

describe('isWorkingDay', () => {
  it('is true Monday to Friday outside bank holidays', () => {
    expect(isWorkingDay('2027-03-22')).toBe(true);
    expect(isWorkingDay('2027-03-25')).toBe(true);
  });

  it('is false at weekends and on bank holidays', () => {
    expect(isWorkingDay('2027-03-27')).toBe(false);
    expect(isWorkingDay('2027-03-28')).toBe(false);
    expect(isWorkingDay('2027-03-26')).toBe(false); // Good Friday
    expect(isWorkingDay('2027-03-29')).toBe(false); // Easter Monday
    expect(isWorkingDay('2022-09-19')).toBe(false); // State Funeral
  });

  it('is false on extra closure days', () => {
    expect(isWorkingDay('2027-03-24', ['2027-03-24'])).toBe(false);
    expect(isWorkingDay('2027-03-24', new Set(['2027-03-24']))).toBe(false);
  });

  it('rejects invalid dates', () => {
    expect(() => isWorkingDay('2027-3-24')).toThrow(RangeError);
  });
});

describe('nextWorkingDay / onOrNextWorkingDay / previousWorkingDay', () => {
  it('skips the Easter weekend', () => {
    expect(nextWorkingDay('2027-03-25')).toBe('2027-03-30');
    expect(onOrNextWorkingDay('2027-03-26')).toBe('2027-03-30');
    expect(previousWorkingDay('2027-03-30')).toBe('2027-03-25');
  });

  it('is strictly after even when the date is a working day', () => {
    expect(nextWorkingDay('2027-03-22')).toBe('2027-03-23');
    expect(onOrNextWorkingDay('2027-03-22')).toBe('2027-03-22');
  });

  it('skips Christmas 2026 (Fri 25, substitute Boxing Day Mon 28)', () => {
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-29');
  });

  it('skips the 2022 jubilee weekend', () => {
    expect(nextWorkingDay('2022-06-01')).toBe('2022-06-06');
  });

  it('honours extra closure days', () => {
    expect(nextWorkingDay('2027-03-25', ['2027-03-30', '2027-03-31'])).toBe('2027-04-01');
  });

  it('gives up instead of looping forever', () => {
    const allYear = Array.from({ length: 400 }, (_, i) => addDays('2027-01-01', i));
    expect(() => nextWorkingDay('2026-12-31', allYear)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('adds working days forwards', () => {
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
    expect(addWorkingDays('2027-03-25', 5)).toBe('2027-04-05');
    expect(addWorkingDays('2027-03-27', 1)).toBe('2027-03-30');
  });

  it('subtracts working days with a negative n', () => {
    expect(addWorkingDays('2027-03-30', -1)).toBe('2027-03-25');
    expect(addWorkingDays('2027-04-05', -5)).toBe('2027-03-25');
  });

  it('returns the date unchanged for n = 0', () => {
    expect(addWorkingDays('2027-03-27', 0)).toBe('2027-03-27');
  });

  it('honours extra closure days and rejects fractional n', () => {
    expect(addWorkingDays('2027-03-25', 1, ['2027-03-30'])).toBe('2027-03-31');
    expect(() => addWorkingDays('2027-03-25', 1.5)).toThrow(RangeError);
  });
});

describe('re-exported date helpers', () => {
  it('are available from working-days', () => {
    expect(dayOfWeek('2027-03-25')).toBe(4);
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(isIsoDate('2027-02-29')).toBe(false);
  });
});
