import {
  expandRRule,
  expandSeries,
  formatRRule,
  parseRRule,
  RecurrenceRule,
  RecurrenceRuleError,
  skipOrMoveHolidays,
  validateRRule,
} from './recurrence';

const YEAR_2027 = { from: '2027-01-01', to: '2027-12-31' };

describe('parseRRule', () => {
  it('parses a monthly nth-weekday rule', () => {
    expect(parseRRule('FREQ=MONTHLY;BYDAY=1WE;COUNT=12')).toEqual({
      freq: 'MONTHLY',
      interval: 1,
      byDay: [{ weekday: 3, ordinal: 1 }],
      count: 12,
    });
  });

  it('parses every supported part, in any order and case, with an RRULE: prefix', () => {
    expect(parseRRule('RRULE:until=20271231;byday=MO,-1FR,+2TU;interval=2;freq=monthly')).toEqual({
      freq: 'MONTHLY',
      interval: 2,
      byDay: [{ weekday: 1 }, { weekday: 5, ordinal: -1 }, { weekday: 2, ordinal: 2 }],
      until: '2027-12-31',
    });
    expect(parseRRule('FREQ=MONTHLY;BYMONTHDAY=15,-1')).toEqual({
      freq: 'MONTHLY',
      interval: 1,
      byMonthDay: [15, -1],
    });
    expect(parseRRule('FREQ=WEEKLY;BYDAY=MO,WE')).toEqual({
      freq: 'WEEKLY',
      interval: 1,
      byDay: [{ weekday: 1 }, { weekday: 3 }],
    });
  });

  it.each([
    ['FREQ=MONTHLY;BYDAY=9WE', 'BYDAY: "9WE" is not a valid weekday'],
    ['FREQ=MONTHLY;BYDAY=0WE', 'BYDAY: "0WE" is not a valid weekday'],
    ['FREQ=MONTHLY;BYDAY=XX', 'BYDAY: "XX" is not a valid weekday'],
    ['FREQ=WEEKLY;BYDAY=1WE', 'BYDAY: "1WE": a week number is only allowed with FREQ=MONTHLY'],
    ['FREQ=DAILY', 'FREQ: "DAILY" is not supported (use WEEKLY or MONTHLY)'],
    ['BYDAY=WE', 'FREQ: is required'],
    ['FREQ=WEEKLY;INTERVAL=0', 'INTERVAL: "0" must be a whole number of 1 or more'],
    ['FREQ=WEEKLY;INTERVAL=two', 'INTERVAL: "TWO" must be a whole number of 1 or more'],
    ['FREQ=WEEKLY;COUNT=-3', 'COUNT: "-3" must be a whole number of 1 or more'],
    ['FREQ=WEEKLY;UNTIL=2027-12-31', 'UNTIL: "2027-12-31" is not a date written YYYYMMDD'],
    ['FREQ=WEEKLY;UNTIL=20270230', 'UNTIL: "20270230" is not a date written YYYYMMDD'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20271231', 'COUNT: cannot be combined with UNTIL'],
    ['FREQ=WEEKLY;BYMONTHDAY=15', 'BYMONTHDAY: is only allowed with FREQ=MONTHLY'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY: "32" is not a valid day of the month'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY: "0" is not a valid day of the month'],
    ['FREQ=MONTHLY;BYSETPOS=1', 'BYSETPOS: is not a supported rule part'],
    ['FREQ=MONTHLY;FREQ=WEEKLY', 'FREQ: is given more than once'],
    ['FREQ=MONTHLY;COUNT', 'COUNT: "COUNT" is not NAME=VALUE'],
    ['', 'RRULE: is empty'],
  ])('rejects %p', (text, message) => {
    expect(() => parseRRule(text)).toThrow(RecurrenceRuleError);
    expect(() => parseRRule(text)).toThrow(message);
  });

  it('names the bad part on the error', () => {
    try {
      parseRRule('FREQ=MONTHLY;BYDAY=9WE');
      fail('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(RecurrenceRuleError);
      expect((error as RecurrenceRuleError).part).toBe('BYDAY');
    }
  });
});

describe('formatRRule', () => {
  it.each([
    'FREQ=MONTHLY;BYDAY=1WE',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10',
    'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231',
    'FREQ=MONTHLY;BYMONTHDAY=15',
  ])('round-trips %s', (text) => {
    expect(formatRRule(parseRRule(text))).toBe(text);
  });

  it('writes parts in canonical order', () => {
    expect(formatRRule(parseRRule('COUNT=3;BYDAY=+1WE;FREQ=MONTHLY;INTERVAL=1'))).toBe(
      'FREQ=MONTHLY;BYDAY=1WE;COUNT=3',
    );
  });

  it('validates rule objects', () => {
    const bad: RecurrenceRule = { freq: 'WEEKLY', interval: 1, byDay: [{ weekday: 3, ordinal: 1 }] };
    expect(() => formatRRule(bad)).toThrow('BYDAY: "1WE": a week number is only allowed with FREQ=MONTHLY');
    expect(() => validateRRule({ freq: 'MONTHLY', interval: 1.5 })).toThrow('INTERVAL');
    expect(() => validateRRule({ freq: 'MONTHLY', interval: 1, until: '2027-02-30' })).toThrow('UNTIL');
  });
});

describe('expandRRule – monthly', () => {
  it('expands "first Wednesday of each month" for 2027', () => {
    expect(expandRRule('2027-01-06', 'FREQ=MONTHLY;BYDAY=1WE', YEAR_2027)).toEqual([
      '2027-01-06',
      '2027-02-03',
      '2027-03-03',
      '2027-04-07',
      '2027-05-05',
      '2027-06-02',
      '2027-07-07',
      '2027-08-04',
      '2027-09-01',
      '2027-10-06',
      '2027-11-03',
      '2027-12-01',
    ]);
  });

  it('expands "last Friday" every two months with COUNT', () => {
    expect(expandRRule('2027-01-29', 'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=4', YEAR_2027)).toEqual([
      '2027-01-29',
      '2027-03-26',
      '2027-05-28',
      '2027-07-30',
    ]);
  });

  it('skips months without the day of the month (RFC 5545)', () => {
    expect(expandRRule('2027-01-31', 'FREQ=MONTHLY;COUNT=4', YEAR_2027)).toEqual([
      '2027-01-31',
      '2027-03-31',
      '2027-05-31',
      '2027-07-31',
    ]);
    expect(expandRRule('2027-01-31', 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3', YEAR_2027)).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ]);
  });

  it('intersects BYDAY and BYMONTHDAY (Friday the 13th)', () => {
    expect(
      expandRRule('2027-01-01', 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', {
        from: '2027-01-02',
        to: '2028-12-31',
      }),
    ).toEqual(['2027-08-13', '2028-10-13']);
  });

  it('expands BYDAY without ordinals to every such weekday in the month', () => {
    expect(expandRRule('2027-02-01', 'FREQ=MONTHLY;BYDAY=MO;COUNT=5', YEAR_2027)).toEqual([
      '2027-02-01',
      '2027-02-08',
      '2027-02-15',
      '2027-02-22',
      '2027-03-01',
    ]);
  });

  it('stops at UNTIL (inclusive)', () => {
    expect(expandRRule('2027-01-06', 'FREQ=MONTHLY;BYDAY=1WE;UNTIL=20270407', YEAR_2027)).toEqual([
      '2027-01-06',
      '2027-02-03',
      '2027-03-03',
      '2027-04-07',
    ]);
    expect(expandRRule('2027-01-06', 'FREQ=MONTHLY;BYDAY=1WE;UNTIL=20270406', YEAR_2027)).toHaveLength(3);
  });
});

describe('expandRRule – weekly', () => {
  it('defaults BYDAY to the DTSTART weekday', () => {
    expect(expandRRule('2027-03-03', 'FREQ=WEEKLY;COUNT=3', YEAR_2027)).toEqual([
      '2027-03-03',
      '2027-03-10',
      '2027-03-17',
    ]);
  });

  it('expands several weekdays with INTERVAL and exceptions', () => {
    const dates = expandRRule('2027-03-01', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20270430', {
      ...YEAR_2027,
      exdates: ['2027-03-29', '2027-04-14'],
      rdates: ['2027-04-22', '2027-03-03'],
    });
    expect(dates).toEqual([
      '2027-03-01',
      '2027-03-03',
      '2027-03-15',
      '2027-03-17',
      '2027-03-31',
      '2027-04-12',
      '2027-04-22',
      '2027-04-26',
      '2027-04-28',
    ]);
  });

  it('counts EXDATE-removed occurrences towards COUNT (RFC 5545)', () => {
    expect(
      expandRRule('2027-03-01', 'FREQ=WEEKLY;BYDAY=MO;COUNT=4', { ...YEAR_2027, exdates: ['2027-03-08'] }),
    ).toEqual(['2027-03-01', '2027-03-15', '2027-03-22']);
  });

  it('skips BYDAY days before DTSTART in the first week', () => {
    expect(expandRRule('2027-03-03', 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=4', YEAR_2027)).toEqual([
      '2027-03-03',
      '2027-03-05',
      '2027-03-08',
      '2027-03-10',
    ]);
  });

  it('always includes DTSTART even when it does not match the rule', () => {
    expect(expandRRule('2027-03-02', 'FREQ=WEEKLY;BYDAY=WE;COUNT=3', YEAR_2027)).toEqual([
      '2027-03-02',
      '2027-03-03',
      '2027-03-10',
    ]);
  });

  it('limits output to the window but counts from DTSTART', () => {
    expect(
      expandRRule('2027-03-01', 'FREQ=WEEKLY;COUNT=4', { from: '2027-03-10', to: '2027-12-31' }),
    ).toEqual(['2027-03-15', '2027-03-22']);
    expect(expandRRule('2027-03-01', 'FREQ=WEEKLY', { from: '2027-03-10', to: '2027-03-31' })).toEqual([
      '2027-03-15',
      '2027-03-22',
      '2027-03-29',
    ]);
  });

  it('drops RDATEs outside the window and rejects bad dates', () => {
    expect(
      expandRRule('2027-03-01', 'FREQ=WEEKLY;COUNT=1', {
        from: '2027-03-01',
        to: '2027-03-31',
        rdates: ['2027-05-01'],
      }),
    ).toEqual(['2027-03-01']);
    expect(() => expandRRule('2027-02-30', 'FREQ=WEEKLY', YEAR_2027)).toThrow('DTSTART');
    expect(() => expandRRule('2027-03-01', 'FREQ=WEEKLY', { ...YEAR_2027, exdates: ['x'] })).toThrow(
      'EXDATE',
    );
    expect(() => expandRRule('2027-03-01', 'FREQ=WEEKLY', { ...YEAR_2027, rdates: ['x'] })).toThrow('RDATE');
  });

  it('does not skip bank holidays itself', () => {
    expect(expandRRule('2027-03-22', 'FREQ=WEEKLY;COUNT=2', YEAR_2027)).toEqual(['2027-03-22', '2027-03-29']);
  });
});

describe('skipOrMoveHolidays', () => {
  const dates = ['2027-05-03', '2027-05-10', '2027-05-31', '2027-06-07'];

  it('skips bank holidays', () => {
    expect(skipOrMoveHolidays(dates, 'skip')).toEqual(['2027-05-10', '2027-06-07']);
  });

  it('moves bank holidays to the next working day', () => {
    expect(skipOrMoveHolidays(dates, 'next-working-day')).toEqual([
      '2027-05-04',
      '2027-05-10',
      '2027-06-01',
      '2027-06-07',
    ]);
  });

  it('honours extra closure days, leaves weekends alone and removes duplicates', () => {
    expect(
      skipOrMoveHolidays(['2027-05-10', '2027-05-11', '2027-05-15'], 'next-working-day', ['2027-05-10']),
    ).toEqual(['2027-05-11', '2027-05-15']);
  });
});

describe('expandSeries', () => {
  it('gives "first Wednesday of each month, 12:30–13:30" London time', () => {
    const slots = expandSeries(
      { dtstart: '2027-01-06', rrule: 'FREQ=MONTHLY;BYDAY=1WE', startTime: '12:30', endTime: '13:30' },
      '2027-03-01',
      '2027-04-30',
    );
    expect(slots.map((s) => [s.startsAtIso, s.endsAtIso])).toEqual([
      ['2027-03-03T12:30:00+00:00', '2027-03-03T13:30:00+00:00'],
      ['2027-04-07T12:30:00+01:00', '2027-04-07T13:30:00+01:00'],
    ]);
    expect(slots[1]?.startsAt.toISOString()).toBe('2027-04-07T11:30:00.000Z');
  });

  it('applies a holiday policy when asked', () => {
    const series = {
      dtstart: '2027-05-03',
      rrule: 'FREQ=MONTHLY;BYDAY=1MO;COUNT=2',
      startTime: '10:00',
      endTime: '11:00',
      holidays: 'next-working-day' as const,
    };
    expect(expandSeries(series, '2027-01-01', '2027-12-31').map((s) => s.date)).toEqual([
      '2027-05-04',
      '2027-06-07',
    ]);
  });
});
