import {
  londonOffsetMinutes,
  londonTimeSlot,
  londonWallClockToUtc,
  toIsoWithOffset,
  utcToLondonWallClock,
} from './london-time';

describe('londonWallClockToUtc', () => {
  it('uses GMT in winter and BST in summer', () => {
    expect(londonWallClockToUtc('2027-03-25', '09:00').toISOString()).toBe('2027-03-25T09:00:00.000Z');
    expect(londonWallClockToUtc('2027-03-30', '09:00').toISOString()).toBe('2027-03-30T08:00:00.000Z');
    expect(londonWallClockToUtc('2027-07-22', '10:00').toISOString()).toBe('2027-07-22T09:00:00.000Z');
    expect(londonWallClockToUtc('2027-12-01', '12:30').toISOString()).toBe('2027-12-01T12:30:00.000Z');
  });

  describe('spring forward, Sunday 28 March 2027 (01:00 GMT → 02:00 BST)', () => {
    it('is GMT just before the gap and BST just after it', () => {
      expect(londonWallClockToUtc('2027-03-28', '00:59').toISOString()).toBe('2027-03-28T00:59:00.000Z');
      expect(londonWallClockToUtc('2027-03-28', '02:00').toISOString()).toBe('2027-03-28T01:00:00.000Z');
      expect(londonWallClockToUtc('2027-03-28', '09:00').toISOString()).toBe('2027-03-28T08:00:00.000Z');
      expect(londonWallClockToUtc('2027-03-27', '09:00').toISOString()).toBe('2027-03-27T09:00:00.000Z');
    });

    it('moves a time inside the gap forward by the gap (RFC 5545)', () => {
      const instant = londonWallClockToUtc('2027-03-28', '01:30');
      expect(instant.toISOString()).toBe('2027-03-28T01:30:00.000Z');
      expect(utcToLondonWallClock(instant)).toEqual({ date: '2027-03-28', time: '02:30' });
      expect(londonWallClockToUtc('2027-03-28', '01:00').toISOString()).toBe('2027-03-28T01:00:00.000Z');
    });
  });

  describe('fall back, Sunday 31 October 2027 (02:00 BST → 01:00 GMT)', () => {
    it('chooses the first (BST) occurrence of the repeated hour', () => {
      expect(londonWallClockToUtc('2027-10-31', '01:00').toISOString()).toBe('2027-10-31T00:00:00.000Z');
      expect(londonWallClockToUtc('2027-10-31', '01:30').toISOString()).toBe('2027-10-31T00:30:00.000Z');
      expect(londonWallClockToUtc('2027-10-31', '01:59').toISOString()).toBe('2027-10-31T00:59:00.000Z');
    });

    it('is BST before and GMT after the repeated hour', () => {
      expect(londonWallClockToUtc('2027-10-31', '00:30').toISOString()).toBe('2027-10-30T23:30:00.000Z');
      expect(londonWallClockToUtc('2027-10-31', '02:00').toISOString()).toBe('2027-10-31T02:00:00.000Z');
      expect(londonWallClockToUtc('2027-10-29', '09:00').toISOString()).toBe('2027-10-29T08:00:00.000Z');
      expect(londonWallClockToUtc('2027-11-01', '09:00').toISOString()).toBe('2027-11-01T09:00:00.000Z');
    });
  });

  describe('26 October 2025 and 29 March 2026', () => {
    it('handles the autumn 2025 change', () => {
      expect(londonWallClockToUtc('2025-10-24', '09:00').toISOString()).toBe('2025-10-24T08:00:00.000Z');
      expect(londonWallClockToUtc('2025-10-26', '01:30').toISOString()).toBe('2025-10-26T00:30:00.000Z');
      expect(londonWallClockToUtc('2025-10-27', '09:00').toISOString()).toBe('2025-10-27T09:00:00.000Z');
    });

    it('handles the spring 2026 change', () => {
      expect(londonWallClockToUtc('2026-03-27', '09:00').toISOString()).toBe('2026-03-27T09:00:00.000Z');
      expect(londonWallClockToUtc('2026-03-29', '01:15').toISOString()).toBe('2026-03-29T01:15:00.000Z');
      expect(londonWallClockToUtc('2026-03-30', '09:00').toISOString()).toBe('2026-03-30T08:00:00.000Z');
    });
  });

  it('handles midnight and the year boundary', () => {
    expect(londonWallClockToUtc('2028-01-01', '00:00').toISOString()).toBe('2028-01-01T00:00:00.000Z');
    expect(londonWallClockToUtc('2027-06-01', '00:00').toISOString()).toBe('2027-05-31T23:00:00.000Z');
  });

  it('rejects invalid dates and times', () => {
    expect(() => londonWallClockToUtc('2027-02-29', '09:00')).toThrow(RangeError);
    expect(() => londonWallClockToUtc('2027-03-01', '24:00')).toThrow(
      'time: "24:00" is not a valid HH:MM time',
    );
  });
});

describe('utcToLondonWallClock', () => {
  it('converts instants to London date and time', () => {
    expect(utcToLondonWallClock(new Date('2027-03-28T00:59:00Z'))).toEqual({
      date: '2027-03-28',
      time: '00:59',
    });
    expect(utcToLondonWallClock(new Date('2027-03-28T01:00:00Z'))).toEqual({
      date: '2027-03-28',
      time: '02:00',
    });
    expect(utcToLondonWallClock(new Date('2027-10-31T00:30:00Z'))).toEqual({
      date: '2027-10-31',
      time: '01:30',
    });
    expect(utcToLondonWallClock(new Date('2027-10-31T01:30:00Z'))).toEqual({
      date: '2027-10-31',
      time: '01:30',
    });
    expect(utcToLondonWallClock(new Date('2027-06-30T23:30:00Z'))).toEqual({
      date: '2027-07-01',
      time: '00:30',
    });
  });

  it('round-trips every half hour across both 2027 changes', () => {
    for (const day of ['2027-03-27', '2027-03-28', '2027-03-29', '2027-10-30', '2027-10-31', '2027-11-01']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const back = utcToLondonWallClock(londonWallClockToUtc(day, time));
        const inGap = day === '2027-03-28' && time.startsWith('01:');
        expect(back).toEqual(inGap ? { date: day, time: `02:${time.slice(3)}` } : { date: day, time });
      }
    }
  });

  it('rejects an invalid Date', () => {
    expect(() => utcToLondonWallClock(new Date('nope'))).toThrow('instant: not a valid Date');
  });
});

describe('toIsoWithOffset and londonOffsetMinutes', () => {
  it('gives the London local time with its offset', () => {
    expect(toIsoWithOffset(new Date('2027-03-25T09:00:00Z'))).toBe('2027-03-25T09:00:00+00:00');
    expect(toIsoWithOffset(new Date('2027-03-30T08:00:00Z'))).toBe('2027-03-30T09:00:00+01:00');
    expect(toIsoWithOffset(new Date('2027-10-31T00:30:00Z'))).toBe('2027-10-31T01:30:00+01:00');
    expect(toIsoWithOffset(new Date('2027-10-31T01:30:00Z'))).toBe('2027-10-31T01:30:00+00:00');
    expect(toIsoWithOffset(new Date('2027-12-31T23:59:59.999Z'))).toBe('2027-12-31T23:59:59+00:00');
  });

  it('parses back to the same instant', () => {
    const instant = londonWallClockToUtc('2027-03-30', '09:00');
    expect(new Date(toIsoWithOffset(instant)).getTime()).toBe(instant.getTime());
  });

  it('reports the offset in minutes', () => {
    expect(londonOffsetMinutes(new Date('2027-01-15T12:00:00Z'))).toBe(0);
    expect(londonOffsetMinutes(new Date('2027-07-15T12:00:00Z'))).toBe(60);
    expect(londonOffsetMinutes(new Date('2027-03-28T00:59:59Z'))).toBe(0);
    expect(londonOffsetMinutes(new Date('2027-03-28T01:00:00Z'))).toBe(60);
  });
});

describe('londonTimeSlot', () => {
  it('builds a slot across the spring clock change', () => {
    expect(londonTimeSlot('2027-03-30', '09:00', '12:30')).toEqual({
      date: '2027-03-30',
      startsAt: new Date('2027-03-30T08:00:00Z'),
      endsAt: new Date('2027-03-30T11:30:00Z'),
      startsAtIso: '2027-03-30T09:00:00+01:00',
      endsAtIso: '2027-03-30T12:30:00+01:00',
    });
  });

  it('requires the end to be after the start', () => {
    expect(() => londonTimeSlot('2027-03-30', '12:30', '12:30')).toThrow(
      'endTime: "12:30" must be later than startTime "12:30"',
    );
  });
});
