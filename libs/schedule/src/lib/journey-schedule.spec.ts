import { isBankHoliday } from './bank-holidays';
import { addDays, compareDates, dayOfWeek } from './iso-date';
import {
  DEFAULT_ACTIVE_BYSTANDER_TEMPLATE,
  generateSchedule,
  JourneyTemplate,
  JourneyTemplateError,
  ONE_DAY_WORKSHOP_TEMPLATE,
  PlannedSession,
  TemplateStage,
  validateTemplate,
} from './journey-schedule';
import { isWorkingDay } from './working-days';

const datesOf = (sessions: PlannedSession[], stageKey: string) =>
  sessions.filter((s) => s.stageKey === stageKey).map((s) => s.date);

describe('generateSchedule – default template, cohort starting Thursday 25 March 2027', () => {
  const sessions = generateSchedule(DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, '2027-03-25');

  it('plans 2 workshop days, 5 action learning sets and 1 community-of-practice catch-up', () => {
    expect(sessions.map((s) => [s.stageKey, s.sequence, s.kind, s.mode])).toEqual([
      ['workshop-day-1', 1, 'workshop', 'in-person'],
      ['workshop-day-2', 1, 'workshop', 'in-person'],
      ['action-learning-sets', 1, 'action-learning-set', 'virtual'],
      ['action-learning-sets', 2, 'action-learning-set', 'virtual'],
      ['action-learning-sets', 3, 'action-learning-set', 'virtual'],
      ['action-learning-sets', 4, 'action-learning-set', 'virtual'],
      ['action-learning-sets', 5, 'action-learning-set', 'virtual'],
      ['community-of-practice', 1, 'community-of-practice', 'virtual'],
    ]);
  });

  it('puts workshop day 2 after the Easter weekend (Good Friday 26, Easter Monday 29 March)', () => {
    expect(datesOf(sessions, 'workshop-day-1')).toEqual(['2027-03-25']);
    expect(datesOf(sessions, 'workshop-day-2')).toEqual(['2027-03-30']);
  });

  it('keeps 09:00 London time across the clock change of 28 March 2027', () => {
    const [day1, day2] = sessions;
    expect(day1?.startsAtIso).toBe('2027-03-25T09:00:00+00:00');
    expect(day1?.endsAtIso).toBe('2027-03-25T16:30:00+00:00');
    expect(day1?.startsAt.toISOString()).toBe('2027-03-25T09:00:00.000Z');
    expect(day2?.startsAtIso).toBe('2027-03-30T09:00:00+01:00');
    expect(day2?.endsAtIso).toBe('2027-03-30T12:30:00+01:00');
    expect(day2?.startsAt.toISOString()).toBe('2027-03-30T08:00:00.000Z');
  });

  it('runs the action learning sets monthly on the 4th Thursday from 22 April 2027', () => {
    const als = datesOf(sessions, 'action-learning-sets');
    expect(als).toEqual(['2027-04-22', '2027-05-27', '2027-06-24', '2027-07-22', '2027-08-26']);
    expect(als[0]).toBe(addDays('2027-03-25', 28));
    expect(als).not.toContain('2027-05-31');
    expect(als).not.toContain('2027-08-30');
    expect(als.every((date) => dayOfWeek(date) === 4 && !isBankHoliday(date))).toBe(true);
  });

  it('holds the action learning sets 10:00–11:30 London time (BST)', () => {
    const als = sessions.filter((s) => s.kind === 'action-learning-set');
    expect(als.map((s) => s.startsAtIso)).toEqual([
      '2027-04-22T10:00:00+01:00',
      '2027-05-27T10:00:00+01:00',
      '2027-06-24T10:00:00+01:00',
      '2027-07-22T10:00:00+01:00',
      '2027-08-26T10:00:00+01:00',
    ]);
    expect(als.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 90 * 60_000)).toBe(true);
    expect(als[0]?.startsAt.toISOString()).toBe('2027-04-22T09:00:00.000Z');
  });

  it('starts the community of practice four weeks after the last action learning set, 12:30–13:30', () => {
    const [cop] = sessions.filter((s) => s.kind === 'community-of-practice');
    expect(cop?.date).toBe('2027-09-23');
    expect(cop?.startsAtIso).toBe('2027-09-23T12:30:00+01:00');
    expect(cop?.endsAtIso).toBe('2027-09-23T13:30:00+01:00');
  });

  it('uses the stage titles', () => {
    expect(sessions[0]?.title).toBe('Active Bystander workshop: day 1');
    expect(sessions[2]?.title).toBe('Action learning set');
  });
});

describe('generateSchedule – awkward start dates', () => {
  it('moves a start on a bank holiday to the next working day', () => {
    const sessions = generateSchedule(DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, '2027-05-03');
    expect(sessions.map((s) => s.date)).toEqual([
      '2027-05-04',
      '2027-05-05',
      '2027-06-01',
      '2027-07-06',
      '2027-08-03',
      '2027-09-07',
      '2027-10-05',
      '2027-11-02',
    ]);
  });

  it('moves a Saturday start past the weekend and Easter Monday', () => {
    const sessions = generateSchedule(DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, '2027-03-27');
    expect(sessions.map((s) => s.date)).toEqual([
      '2027-03-30',
      '2027-03-31',
      '2027-04-27',
      '2027-05-25',
      '2027-06-22',
      '2027-07-27',
      '2027-08-24',
      '2027-09-21',
    ]);
  });

  it('runs a workshop over Christmas 2026: day 2 on Tuesday 29 December', () => {
    const sessions = generateSchedule(DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, '2026-12-24');
    expect(sessions.map((s) => s.date)).toEqual([
      '2026-12-24',
      '2026-12-29',
      '2027-01-21',
      '2027-02-18',
      '2027-03-18',
      '2027-04-15',
      '2027-05-20',
      '2027-06-17',
    ]);
    expect(sessions[1]?.startsAtIso).toBe('2026-12-29T09:00:00+00:00');
  });

  it('avoids extra closure days, and the monthly pattern follows the moved first session', () => {
    const sessions = generateSchedule(DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, '2027-03-25', {
      extraHolidays: ['2027-03-30', '2027-04-22'],
    });
    expect(datesOf(sessions, 'workshop-day-2')).toEqual(['2027-03-31']);
    expect(datesOf(sessions, 'action-learning-sets')).toEqual([
      '2027-04-23',
      '2027-05-28',
      '2027-06-25',
      '2027-07-23',
      '2027-08-27',
    ]);
  });

  it('accepts extra closure days as a Set', () => {
    const sessions = generateSchedule(DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, '2027-03-25', {
      extraHolidays: new Set(['2027-03-25']),
    });
    expect(sessions.slice(0, 2).map((s) => s.date)).toEqual(['2027-03-30', '2027-03-31']);
  });

  it('rejects an invalid start date', () => {
    expect(() => generateSchedule(DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, '2027-02-29')).toThrow(
      'startDate: "2027-02-29" is not a valid YYYY-MM-DD date',
    );
  });

  it('always lands on working days, in order, for every start date in 2026–2027', () => {
    for (let start = '2026-01-01'; start <= '2027-12-31'; start = addDays(start, 1)) {
      const sessions = generateSchedule(DEFAULT_ACTIVE_BYSTANDER_TEMPLATE, start);
      const dates = sessions.map((s) => s.date);
      const problems = dates.filter(
        (date, i) => !isWorkingDay(date) || (i > 0 && compareDates(dates[i - 1] ?? date, date) >= 0),
      );
      expect([start, problems]).toEqual([start, []]);
    }
  });
});

describe('ONE_DAY_WORKSHOP_TEMPLATE', () => {
  it('plans one full-day workshop, five action learning sets and a catch-up', () => {
    const sessions = generateSchedule(ONE_DAY_WORKSHOP_TEMPLATE, '2027-03-25');
    expect(sessions.map((s) => [s.kind, s.date, s.startsAtIso, s.endsAtIso])).toEqual([
      ['workshop', '2027-03-25', '2027-03-25T09:00:00+00:00', '2027-03-25T16:30:00+00:00'],
      ['action-learning-set', '2027-04-22', '2027-04-22T10:00:00+01:00', '2027-04-22T11:30:00+01:00'],
      ['action-learning-set', '2027-05-27', '2027-05-27T10:00:00+01:00', '2027-05-27T11:30:00+01:00'],
      ['action-learning-set', '2027-06-24', '2027-06-24T10:00:00+01:00', '2027-06-24T11:30:00+01:00'],
      ['action-learning-set', '2027-07-22', '2027-07-22T10:00:00+01:00', '2027-07-22T11:30:00+01:00'],
      ['action-learning-set', '2027-08-26', '2027-08-26T10:00:00+01:00', '2027-08-26T11:30:00+01:00'],
      ['community-of-practice', '2027-09-23', '2027-09-23T12:30:00+01:00', '2027-09-23T13:30:00+01:00'],
    ]);
  });
});

describe('other spacing rules', () => {
  const stage = (overrides: Partial<TemplateStage>): TemplateStage => ({
    key: 'stage',
    title: 'Stage',
    kind: 'workshop',
    sessionCount: 1,
    mode: 'virtual',
    startTime: '09:00',
    endTime: '10:00',
    firstSession: { kind: 'start' },
    ...overrides,
  });

  it('supports consecutive working days and fortnightly sessions within a stage', () => {
    const template: JourneyTemplate = {
      stages: [
        stage({ key: 'train', sessionCount: 3, thenEvery: { kind: 'next-working-day' } }),
        stage({
          key: 'webinars',
          kind: 'line-manager-webinar',
          sessionCount: 3,
          firstSession: { kind: 'weeks-after-previous-stage', weeks: 1 },
          thenEvery: { kind: 'weeks-after-previous-stage', weeks: 2 },
        }),
        stage({ key: 'sponsor', kind: 'sponsor-meeting', firstSession: { kind: 'monthly-same-weekday' } }),
      ],
    };
    expect(generateSchedule(template, '2027-03-25').map((s) => [s.stageKey, s.sequence, s.date])).toEqual([
      ['train', 1, '2027-03-25'],
      ['train', 2, '2027-03-30'],
      ['train', 3, '2027-03-31'],
      ['webinars', 1, '2027-04-01'],
      ['webinars', 2, '2027-04-15'],
      ['webinars', 3, '2027-04-29'],
      // 29 April is the 5th (last) Thursday → last Thursday of May.
      ['sponsor', 1, '2027-05-27'],
    ]);
  });

  it.each<[string, JourneyTemplate, string]>([
    [
      'duplicate keys',
      { stages: [stage({}), stage({ firstSession: { kind: 'next-working-day' } })] },
      'Stage "stage": key must be unique and non-empty',
    ],
    ['a zero session count', { stages: [stage({ sessionCount: 0 })] }, 'sessionCount must be a whole number'],
    ['an end before the start', { stages: [stage({ endTime: '08:00' })] }, 'times must be HH:MM'],
    ['a bad time', { stages: [stage({ startTime: '9am' })] }, 'times must be HH:MM'],
    ['a missing thenEvery', { stages: [stage({ sessionCount: 2 })] }, 'thenEvery is required'],
    [
      'thenEvery "start"',
      { stages: [stage({ sessionCount: 2, thenEvery: { kind: 'start' } })] },
      'thenEvery cannot be "start"',
    ],
    [
      'a first stage that needs an earlier one',
      { stages: [stage({ firstSession: { kind: 'next-working-day' } })] },
      'the first stage must use firstSession "start"',
    ],
    [
      'an unknown stageKey',
      {
        stages: [
          stage({ key: 'a' }),
          stage({ key: 'b', firstSession: { kind: 'weeks-after-previous-stage', weeks: 4, stageKey: 'c' } }),
        ],
      },
      'stageKey "c" is not an earlier stage',
    ],
    [
      'zero weeks',
      {
        stages: [
          stage({ key: 'a' }),
          stage({ key: 'b', firstSession: { kind: 'weeks-after-previous-stage', weeks: 0 } }),
        ],
      },
      'weeks must be a whole number',
    ],
  ])('rejects a template with %s', (_, template, message) => {
    expect(() => validateTemplate(template)).toThrow(JourneyTemplateError);
    expect(() => generateSchedule(template, '2027-03-25')).toThrow(message);
  });

  it('accepts the built-in templates', () => {
    expect(() => validateTemplate(DEFAULT_ACTIVE_BYSTANDER_TEMPLATE)).not.toThrow();
    expect(() => validateTemplate(ONE_DAY_WORKSHOP_TEMPLATE)).not.toThrow();
  });
});
