import { EVALUATION_STAGES, EvaluationStage, InstrumentItem } from '@upstand/contracts';
import { londonWallClockToUtc, utcToLondonWallClock } from '@upstand/schedule';
import { DEFAULT_INSTRUMENTS } from '../evaluations/default-instruments';
import { buildDemoPlan, DEMO_DELEGATE_EMAIL, DEMO_MANAGER, DemoPlan } from './demo-journeys';

const instruments = Object.fromEntries(
  EVALUATION_STAGES.map((stage) => [
    stage,
    DEFAULT_INSTRUMENTS.find((instrument) => instrument.stage === stage)?.items ?? [],
  ]),
) as Record<EvaluationStage, InstrumentItem[]>;

/** The clock fixed at `time` London time on `date`. */
const planOn = (date: string, time = '07:30') =>
  buildDemoPlan({ anchorDate: date, now: londonWallClockToUtc(date, time), instruments });

const londonDate = (instant: Date) => utcToLondonWallClock(instant).date;

function demoDelegate(plan: DemoPlan) {
  const enrolment = plan.enrolments.find((e) => e.email === DEMO_DELEGATE_EMAIL);
  if (!enrolment) throw new Error('no enrolment for the demo delegate');
  const sessions = plan.sessions.filter(
    (s) => s.cohortKey === enrolment.cohortKey && (s.setKey === null || s.setKey === enrolment.setKey),
  );
  const marks = plan.attendance.filter((a) => a.enrolmentKey === enrolment.key);
  return { enrolment, sessions, marks };
}

// A Sunday, a Monday after the clocks go forward, Christmas Day, the last day of a leap February, a Wednesday.
describe.each(['2026-12-06', '2027-03-29', '2026-12-25', '2028-02-29', '2027-06-16'])(
  'the demo dated from %s',
  (today) => {
    const now = londonWallClockToUtc(today, '07:30');
    const plan = planOn(today);

    it('puts the demo delegate part-way: workshop and two sets attended, three sets to come, pre answered', () => {
      const { enrolment, sessions, marks } = demoDelegate(plan);
      expect(enrolment.status).toBe('confirmed');
      const workshop = sessions.filter((s) => s.kind === 'workshop');
      const sets = sessions.filter((s) => s.kind === 'action-learning-set');
      expect(workshop.every((s) => s.endsAt < now)).toBe(true);
      expect(sets.filter((s) => s.endsAt < now)).toHaveLength(2);
      expect(sets.filter((s) => s.startsAt > now)).toHaveLength(3);
      const marked = new Set(marks.map((m) => m.sessionKey));
      expect([...workshop, ...sets.slice(0, 2)].every((s) => marked.has(s.key))).toBe(true);
      const stages = plan.responses.filter((r) => r.enrolmentKey === enrolment.key && r.sessionKey === null);
      expect(stages.map((r) => r.stage)).toEqual(['pre']);
    });

    it('gives the facilitator a workshop today, its register part-taken', () => {
      const day = plan.sessions.find((s) => s.cohortKey === 'today' && s.kind === 'workshop');
      expect(day && londonDate(day.startsAt)).toBe(today);
      const places = plan.enrolments.filter((e) => e.cohortKey === 'today').length;
      const marked = plan.attendance.filter((a) => a.sessionKey === day?.key).length;
      expect(marked).toBeGreaterThan(0);
      expect(marked).toBeLessThan(places);
      expect(plan.sessionFacilitators.filter((line) => line.sessionKey === day?.key)).toHaveLength(2);
    });

    it('gives the line manager a team with one approval waiting', () => {
      const team = plan.people.filter((p) => p.lineManagerEmail === DEMO_MANAGER.email);
      expect(team.length).toBeGreaterThanOrEqual(4);
      expect(plan.approvals).toHaveLength(1);
      expect(plan.approvals[0]?.expiresAt.getTime()).toBeGreaterThan(now.getTime());
    });

    it('rates two review periods in every area and logs four actions, some open and some done', () => {
      expect(plan.reviews.map((r) => r.ratings.length)).toEqual([16, 16]);
      expect(plan.reviews[0]!.periodEnd < plan.reviews[1]!.periodStart).toBe(true);
      expect(plan.actions.map((a) => a.status).sort()).toEqual(['done', 'in-progress', 'open', 'open']);
    });

    it('certifies only those who attended every workshop session and four sets', () => {
      for (const enrolment of plan.enrolments.filter((e) => e.status === 'completed')) {
        const attended = new Set(
          plan.attendance
            .filter(
              (a) => a.enrolmentKey === enrolment.key && (a.status === 'present' || a.status === 'late'),
            )
            .map((a) => a.sessionKey),
        );
        const mine = plan.sessions.filter(
          (s) => s.cohortKey === enrolment.cohortKey && (s.setKey === null || s.setKey === enrolment.setKey),
        );
        expect(mine.filter((s) => s.kind === 'workshop').every((s) => attended.has(s.key))).toBe(true);
        expect(
          mine.filter((s) => s.kind === 'action-learning-set' && attended.has(s.key)).length,
        ).toBeGreaterThanOrEqual(4);
      }
      expect(plan.community.length).toBeGreaterThan(0);
      // Every catch-up on the first Wednesday of its month, the series' start included
      expect(plan.seriesSessions.map((s) => new Date(s.startsAt).getUTCDay())).toEqual(
        plan.seriesSessions.map(() => 3),
      );
      expect(plan.seriesSessions.every((s) => new Date(s.startsAt).getUTCDate() <= 7)).toBe(true);
      expect(plan.communityAttendance.length).toBeGreaterThan(0);
    });

    it('records nothing after the clock, and never double-books a facilitator', () => {
      const recorded = [
        ...plan.attendance.map((a) => a.recordedAt),
        ...plan.responses.map((r) => r.submittedAt),
        ...plan.enrolments.map((e) => e.createdAt),
        ...plan.enrolments.flatMap((e) => [e.completedAt, e.withdrawnAt, e.didNotCompleteAt]),
        ...plan.people.map((p) => p.createdAt),
        ...plan.communityAttendance.map((a) => a.recordedAt),
      ].filter((date): date is Date => date !== null);
      expect(recorded.filter((date) => date > now)).toEqual([]);
      const staffedLater = plan.sessionFacilitators.filter(
        (line) =>
          plan.sessions.find((s) => s.key === line.sessionKey)!.startsAt.getTime() >
          now.getTime() + 21 * 86_400_000,
      );
      expect(staffedLater).toEqual([]);
      const byFacilitator = new Map<string, { startsAt: Date; endsAt: Date }[]>();
      for (const line of plan.sessionFacilitators) {
        const session = plan.sessions.find((s) => s.key === line.sessionKey)!;
        const busy = byFacilitator.get(line.email) ?? [];
        expect(busy.some((b) => b.startsAt < session.endsAt && session.startsAt < b.endsAt)).toBe(false);
        byFacilitator.set(line.email, [...busy, session]);
      }
    });

    it('labels every new person, cohort and review synthetic', () => {
      const labels = [
        ...plan.people.map((p) => p.fullName),
        ...plan.cohorts.map((c) => c.name),
        ...plan.reviews.map((r) => r.label),
        ...plan.actions.map((a) => a.action),
        plan.series.title,
      ];
      expect(labels.filter((label) => !label.endsWith('(synthetic)'))).toEqual([]);
      expect(plan.people.every((p) => p.email.endsWith('@synthetic.upstand.test'))).toBe(true);
    });
  },
);

it('builds the same demo for the same day and clock', () => {
  expect(planOn('2026-12-06')).toEqual(planOn('2026-12-06'));
});
