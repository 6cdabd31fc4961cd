import { DEFAULT_COMPLETION_RULE } from '@upstand/contracts';
import { meetsCompletionRule } from '../attendance/completion';
import {
  buildPilotPlan,
  mulberry32,
  PILOT_TARGETS,
  PilotPlan,
  splitTotal,
  Random,
  summarisePilot,
} from './pilot-seed';

describe('synthetic pilot plan', () => {
  let plan: PilotPlan;
  beforeAll(() => {
    plan = buildPilotPlan();
  });

  it('is the same plan for the same seed, and a different one for another seed', () => {
    expect(JSON.stringify(buildPilotPlan())).toBe(JSON.stringify(plan));
    const other = buildPilotPlan({ seed: 7 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(plan));
    expect(summarisePilot(other)).toMatchObject(PILOT_TARGETS);
  });

  it('has exactly 231 certified, 62 of them from scale-up systems, and 98 paired pre/post', () => {
    expect(summarisePilot(plan)).toMatchObject({ certified: 231, certifiedScaleUp: 62, pairedPrePost: 98 });
    // more people answered before than after, as in any real evaluation
    const pre = plan.responses.filter((response) => response.stage === 'pre').length;
    expect(pre).toBeGreaterThan(PILOT_TARGETS.pairedPrePost + 50);
  });

  it('runs from October 2022 to January 2024, every name labelled synthetic', () => {
    const starts = plan.cohorts.map((cohort) => cohort.startDate).sort();
    expect(starts[0]?.slice(0, 7)).toBe('2022-10');
    expect(starts[starts.length - 1]?.slice(0, 7)).toBe('2024-01');
    expect(plan.cohorts.every((cohort) => cohort.name.endsWith('(synthetic)'))).toBe(true);
    expect(plan.delegates.every((delegate) => delegate.fullName.endsWith('(synthetic)'))).toBe(true);
    expect(plan.delegates.every((d) => d.email.endsWith('@synthetic.upstand.test'))).toBe(true);
    expect(
      plan.organisations.every((o) => /^[A-Z0-9]{3,6}$/.test(o.odsCode) && o.name.endsWith('(synthetic)')),
    ).toBe(true);
  });

  it('certifies exactly the delegates whose attendance meets the completion rule', () => {
    const progress = plan.enrolments.map((_enrolment, index) => {
      const attended = plan.attendance.filter(
        (a) => a.enrolmentIndex === index && (a.status === 'present' || a.status === 'late'),
      );
      const kinds = ['workshop', 'action-learning-set'] as const;
      return kinds.map((kind) => ({
        kind,
        held: kind === 'workshop' ? 2 : 5,
        attended: attended.filter((a) => plan.sessions[a.sessionIndex]?.kind === kind).length,
      }));
    });
    plan.enrolments.forEach((enrolment, index) => {
      const meets = meetsCompletionRule(DEFAULT_COMPLETION_RULE, progress[index] ?? []);
      expect([enrolment.status, meets]).toEqual([enrolment.status, enrolment.status === 'completed']);
    });
    const completedAt = plan.enrolments.flatMap((e) => (e.completedAt ? [e.completedAt.getTime()] : []));
    expect(completedAt).toHaveLength(231);
    // spread over the period, so cumulative charts climb month by month
    const months = new Set(completedAt.map((time) => new Date(time).toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(10);
  });

  it('shifts answers up after the programme, with some the same or worse', () => {
    const answer = (enrolmentIndex: number, stage: string, code: string) =>
      plan.responses
        .find((r) => r.enrolmentIndex === enrolmentIndex && r.stage === stage)
        ?.answers.find((a) => a.itemCode === code)?.valueNumber;
    const paired = plan.responses.filter(
      (r) => r.stage === 'post' && answer(r.enrolmentIndex, 'pre', 'd_direct') !== undefined,
    );
    const change = (code: string) =>
      paired.map(
        (r) =>
          (answer(r.enrolmentIndex, 'post', code) as number) -
          (answer(r.enrolmentIndex, 'pre', code) as number),
      );
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const headline = change('confidence_intervene');
    expect(mean(headline)).toBeGreaterThan(0.6);
    expect(mean(headline)).toBeLessThan(1.4);
    expect(headline.filter((d) => d <= 0).length).toBeGreaterThan(10);
    expect(mean(change('d_direct'))).toBeGreaterThan(1.3);
    const yes = (stage: string) =>
      paired.filter((r) => answer(r.enrolmentIndex, stage, 'know_support') === 1).length;
    expect(yes('post')).toBeGreaterThan(yes('pre'));
    const preHeadline = plan.responses
      .filter((r) => r.stage === 'pre')
      .map((r) => r.answers.find((a) => a.itemCode === 'confidence_intervene')?.valueNumber as number);
    expect(preHeadline.filter((v) => v >= 2 && v <= 4).length / preHeadline.length).toBeGreaterThan(0.75);
    const comments = plan.responses.flatMap((r) => r.answers.filter((a) => a.valueText !== null));
    expect(comments.length).toBeGreaterThan(5);
    expect(paired.every((r) => r.answers.some((a) => a.itemCode === 'retro_confidence_intervene'))).toBe(
      true,
    );
  });

  it('splits totals exactly and the PRNG repeats', () => {
    expect(splitTotal(169, 12, new Random(1)).reduce((a, b) => a + b, 0)).toBe(169);
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
