import { formatClockTime, formatLondonDate, formatLondonDateTime, formatNhsDate } from './nhs-format';

describe('NHS date and time formats', () => {
  it('writes ISO dates as "1 April 2024" and leaves anything else alone', () => {
    expect(formatNhsDate('2024-04-01')).toBe('1 April 2024');
    expect(formatNhsDate('2026-12-06T15:40:00Z')).toBe('6 December 2026');
    expect(formatNhsDate('soon')).toBe('soon');
    expect(formatNhsDate(null)).toBe('');
  });

  it('writes times with am and pm, midday and midnight', () => {
    expect(formatClockTime('09:05')).toBe('9:05am');
    expect(formatClockTime('15:40')).toBe('3:40pm');
    expect(formatClockTime('12:00')).toBe('midday');
    expect(formatClockTime('00:00')).toBe('midnight');
    expect(formatClockTime('00:30')).toBe('12:30am');
  });

  it('reads an instant in London time, in winter and in summer', () => {
    expect(formatLondonDateTime(new Date('2026-12-06T15:40:00Z'))).toBe('6 December 2026, 3:40pm');
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(formatLondonDateTime(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026, 12:30am');
    expect(formatLondonDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
  });
});
