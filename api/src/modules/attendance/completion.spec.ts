import { meetsCompletionRule } from './completion';

const rule = { workshop: 'all' as const, 'action-learning-set': 4 };

describe('meetsCompletionRule (default: both workshop days and at least 4 of 5 action learning sets)', () => {
  it('is met by both workshop days and 4 sets', () => {
    expect(
      meetsCompletionRule(rule, [
        { kind: 'workshop', held: 2, attended: 2 },
        { kind: 'action-learning-set', held: 5, attended: 4 },
      ]),
    ).toBe(true);
  });

  it('is not met with one workshop day missed, however many sets', () => {
    expect(
      meetsCompletionRule(rule, [
        { kind: 'workshop', held: 2, attended: 1 },
        { kind: 'action-learning-set', held: 5, attended: 5 },
      ]),
    ).toBe(false);
  });

  it('is not met with only 3 sets', () => {
    expect(
      meetsCompletionRule(rule, [
        { kind: 'workshop', held: 2, attended: 2 },
        { kind: 'action-learning-set', held: 5, attended: 3 },
      ]),
    ).toBe(false);
  });

  it('caps the minimum at the sessions actually held, e.g. when a set was cancelled', () => {
    expect(
      meetsCompletionRule(rule, [
        { kind: 'workshop', held: 2, attended: 2 },
        { kind: 'action-learning-set', held: 3, attended: 3 },
      ]),
    ).toBe(true);
  });

  it('is not met when no session of a required kind exists', () => {
    expect(meetsCompletionRule(rule, [{ kind: 'workshop', held: 2, attended: 2 }])).toBe(false);
  });
});
