import {
  dayWarnings,
  DatedSession,
  scheduleWarnings,
  seriesWarnings,
  sessionMoveWarnings,
} from './scheduling-warnings';

/**
 * Reference dates from the GOV.UK England and Wales table (https://www.gov.uk/bank-holidays), as held in
 * bank-holidays.ts: Good Friday 26 March 2027, Easter Monday 29 March 2027, Early May bank holiday Monday
 * 3 May 2027, Boxing Day (substitute) Monday 28 December 2026, Good Friday 3 April 2026.
 */
const cohort: DatedSession[] = [
  { id: 'w1', kind: 'workshop', date: '2027-03-04' }, // Thursday
  { id: 'w2', kind: 'workshop', date: '2027-03-05' }, // Friday
  { id: 'als1', kind: 'action-learning-set', date: '2027-04-01' }, // Thursday
  { id: 'als2', kind: 'action-learning-set', date: '2027-04-29' }, // Thursday
  { id: 'als3', kind: 'action-learning-set', date: '2027-06-03' }, // Thursday
  { id: 'als4', kind: 'action-learning-set', date: '2027-07-01' }, // Thursday
];

describe('dayWarnings', () => {
  it('names the bank holiday: 3 May 2027, 28 December 2026, Good Friday 2026 and 2027', () => {
    expect(dayWarnings('2027-05-03')).toEqual([
      { code: 'bank-holiday', message: 'Monday 3 May 2027 is a bank holiday (Early May bank holiday).' },
    ]);
    expect(dayWarnings('2026-12-28')[0]?.message).toBe(
      'Monday 28 December 2026 is a bank holiday (Boxing Day (substitute day)).',
    );
    expect(dayWarnings('2026-04-03')[0]?.message).toBe(
      'Friday 3 April 2026 is a bank holiday (Good Friday).',
    );
    expect(dayWarnings('2027-03-26')[0]?.message).toBe(
      'Friday 26 March 2027 is a bank holiday (Good Friday).',
    );
  });

  it('warns about a weekend, and says nothing about an ordinary working day', () => {
    expect(dayWarnings('2027-05-01', 's1')).toEqual([
      { code: 'weekend', message: 'Saturday 1 May 2027 is at the weekend.', sessionId: 's1' },
    ]);
    // Christmas Day 2027 is a Saturday: both a weekend and (by the table) not itself the bank holiday.
    expect(dayWarnings('2027-12-25').map((w) => w.code)).toEqual(['weekend']);
    expect(dayWarnings('2027-05-04')).toEqual([]);
  });
});

describe('sessionMoveWarnings', () => {
  it('the issue example: a set moved onto the 3 May 2027 bank holiday, four days after the previous set', () => {
    expect(sessionMoveWarnings(cohort, { sessionId: 'als3', date: '2027-05-03' })).toEqual([
      {
        code: 'bank-holiday',
        message: 'Monday 3 May 2027 is a bank holiday (Early May bank holiday).',
        sessionId: 'als3',
      },
      {
        code: 'learning-set-spacing',
        message:
          'This action learning set is 4 days after the previous set (Thursday 29 April 2027). ' +
          'Sets are meant to be about a month apart.',
        sessionId: 'als3',
      },
      {
        code: 'learning-set-spacing',
        message:
          'This action learning set is 59 days before the next set (Thursday 1 July 2027). ' +
          'Sets are meant to be about a month apart.',
        sessionId: 'als3',
      },
    ]);
  });

  it('accepts a set moved a few days within the monthly rhythm without a word', () => {
    expect(sessionMoveWarnings(cohort, { sessionId: 'als3', date: '2027-05-27' })).toEqual([]);
  });

  it('only compares a set with sessions of the same learning set', () => {
    const sets: DatedSession[] = [
      { id: 'a1', kind: 'action-learning-set', date: '2027-04-01', setId: 'A' },
      { id: 'b1', kind: 'action-learning-set', date: '2027-04-02', setId: 'B' },
      { id: 'a2', kind: 'action-learning-set', date: '2027-04-29', setId: 'A' },
    ];
    expect(sessionMoveWarnings(sets, { sessionId: 'b1', date: '2027-04-27' })).toEqual([]);
  });

  it('warns when a 1.5-day workshop is split Friday → Tuesday over a weekend', () => {
    const warnings = sessionMoveWarnings(cohort, { sessionId: 'w2', date: '2027-03-09' });
    expect(warnings).toEqual([
      {
        code: 'workshop-split',
        message:
          'The workshop is split over a weekend: Thursday 4 March 2027 and Tuesday 9 March 2027. ' +
          'Its days are meant to run back to back.',
        sessionId: 'w2',
      },
    ]);
    // Moving day 1 onto the Friday before a Tuesday day 2: day 1 is now the earlier neighbour.
    const split = [
      { id: 'd1', kind: 'workshop', date: '2027-04-29' },
      { id: 'd2', kind: 'workshop', date: '2027-05-04' },
    ];
    expect(sessionMoveWarnings(split, { sessionId: 'd1', date: '2027-04-30' })[0]?.message).toBe(
      'The workshop is split over a weekend: Friday 30 April 2027 and Tuesday 4 May 2027. ' +
        'Its days are meant to run back to back.',
    );
  });

  it('names the gap when a workshop is split mid-week, and is quiet when it stays back to back', () => {
    expect(sessionMoveWarnings(cohort, { sessionId: 'w2', date: '2027-03-08' })[0]?.code).toBe(
      'workshop-split',
    );
    const midWeek = sessionMoveWarnings(
      [
        { id: 'd1', kind: 'workshop', date: '2027-03-01' },
        { id: 'd2', kind: 'workshop', date: '2027-03-02' },
      ],
      { sessionId: 'd2', date: '2027-03-04' },
    );
    expect(midWeek[0]?.message).toBe(
      'The workshop is split with 2 days between them: Monday 1 March 2027 and Thursday 4 March 2027. ' +
        'Its days are meant to run back to back.',
    );
    expect(sessionMoveWarnings(cohort, { sessionId: 'w1', date: '2027-03-04' })).toEqual([]);
  });

  it('refuses a session that is not in the list', () => {
    expect(() => sessionMoveWarnings(cohort, { sessionId: 'nope', date: '2027-05-04' })).toThrow(RangeError);
  });
});

describe('seriesWarnings', () => {
  const goodFridayFirst = ['2027-03-26', '2027-04-30', '2027-05-28'];

  it('says a Good Friday session moved to the next working day changes weekday (Easter Monday is skipped too)', () => {
    expect(seriesWarnings(goodFridayFirst, 'next-working-day')).toEqual([
      {
        code: 'series-weekday-moved',
        message:
          'Friday 26 March 2027 is a bank holiday (Good Friday), so that session moves to Tuesday 30 March 2027: ' +
          'a Tuesday, not a Friday.',
      },
    ]);
  });

  it('says when a skipped bank holiday was the first date, and where the series starts instead', () => {
    expect(seriesWarnings(goodFridayFirst, 'skip')).toEqual([
      {
        code: 'bank-holiday',
        message:
          'Friday 26 March 2027 is a bank holiday (Good Friday), so there is no session that day. ' +
          'The series starts on Friday 30 April 2027 instead.',
      },
    ]);
    expect(seriesWarnings(goodFridayFirst, 'keep')[0]?.message).toBe(
      'Friday 26 March 2027 is a bank holiday (Good Friday); the session is kept on that day.',
    );
  });

  it('is quiet for a series of ordinary working days', () => {
    expect(seriesWarnings(['2027-04-07', '2027-05-05'], 'next-working-day')).toEqual([]);
  });
});

describe('scheduleWarnings (a whole generated schedule)', () => {
  it('names a workshop split over Easter 2027 once, and sets out of rhythm once per pair', () => {
    // A cohort starting Thursday 25 March 2027: day 2 cannot be Good Friday or Easter Monday.
    expect(
      scheduleWarnings([
        { id: 'w1', kind: 'workshop', date: '2027-03-25' },
        { id: 'w2', kind: 'workshop', date: '2027-03-30' },
        { id: 'a1', kind: 'action-learning-set', date: '2027-04-22' },
        { id: 'a2', kind: 'action-learning-set', date: '2027-05-27' },
        { id: 'a3', kind: 'action-learning-set', date: '2027-07-22' },
      ]),
    ).toEqual([
      {
        code: 'workshop-split',
        message:
          'The workshop is split over a weekend: Thursday 25 March 2027 and Tuesday 30 March 2027. ' +
          'Its days are meant to run back to back.',
        sessionId: 'w2',
      },
      {
        code: 'learning-set-spacing',
        message:
          'This action learning set is 56 days after the previous set (Thursday 27 May 2027). ' +
          'Sets are meant to be about a month apart.',
        sessionId: 'a3',
      },
    ]);
  });

  it('is quiet for the usual back-to-back workshop and monthly sets', () => {
    expect(scheduleWarnings(cohort)).toEqual([]);
  });
});
