import {
  protectFunnel,
  protectGroupPartitions,
  protectGroups,
  shares,
  unprotectedGroups,
} from './disclosure-policy';
import { protectView, resolveThreshold } from './view-protection';

const map = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('the disclosure policy', () => {
  describe('survey results: a group is published whole or withheld whole', () => {
    it('publishes every share of a group at the threshold, however few people answered one way', () => {
      // 98 paired people (the demo's whole programme): 3 answered "Strongly disagree" and still count.
      const after = [3, 8, 17, 40, 30];
      const published = shares(after) as number[];
      expect(published).toHaveLength(5);
      expect(published.every((share) => share !== null)).toBe(true);
      expect(published[0]).toBeCloseTo(3 / 98, 15);
      expect(published.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
      expect(shares([0, 0, 0])).toBeNull();
    });

    it('withholds a group whose base is 1 … threshold − 1, and publishes 0 and the threshold itself', () => {
      const groups = protectGroups({
        view: map({ empty: 0, nine: 9, ten: 10, five: 5 }),
        wider: [],
        siblingSets: [],
      });
      expect(groups.get('empty')).toEqual({ base: 0, published: true, reason: null });
      expect(groups.get('nine')).toEqual({ base: 9, published: false, reason: 'small' });
      expect(groups.get('ten')).toEqual({ base: 10, published: true, reason: null });
      expect(groups.get('five')).toEqual({ base: 5, published: false, reason: 'small' });
      // At threshold 5 the same group of 5 is published.
      expect(
        protectGroups({ view: map({ five: 5 }), wider: [], siblingSets: [], threshold: 5 }).get('five'),
      ).toMatchObject({ published: true });
    });

    it('withholds a group that a wider view exceeds by 1 … threshold − 1 people, not by 0 or the threshold', () => {
      // An organisation's 40 paired people against its system's 43, 40 and 50: only the 43 gives away 3 people.
      const decide = (wider: number) =>
        protectGroups({ view: map({ item: 40 }), wider: [map({ item: wider })], siblingSets: [] }).get(
          'item',
        );
      expect(decide(41)).toEqual({ base: 40, published: false, reason: 'overlap' });
      expect(decide(49)).toEqual({ base: 40, published: false, reason: 'overlap' });
      expect(decide(40)).toEqual({ base: 40, published: true, reason: null });
      expect(decide(50)).toEqual({ base: 40, published: true, reason: null });
    });

    it('withholds the sibling that would reveal a small sibling from a published total', () => {
      // A system's cohorts: 50, 45 and 4 paired. The 4 is withheld as small; 45, the smallest other, with it.
      const cohort = (own: number, others: number[]) =>
        protectGroups({
          view: map({ item: own }),
          wider: [],
          siblingSets: [others.map((n) => map({ item: n }))],
        }).get('item');
      expect(cohort(4, [50, 45])).toMatchObject({ published: false, reason: 'small' });
      expect(cohort(45, [50, 4])).toMatchObject({ published: false, reason: 'overlap' });
      expect(cohort(50, [45, 4])).toMatchObject({ published: true });
    });

    it('withholds the next smallest part when exactly one part of a published group is withheld', () => {
      // Headline change by ethnic group in a view of 98: White 80, BME 12, Not stated 6.
      const groups = protectGroups({
        view: map({ white: 80, bme: 12, 'not-stated': 6 }),
        wider: [],
        siblingSets: [],
      });
      protectGroupPartitions(groups, [{ parts: ['white', 'bme', 'not-stated'], total: 'all' }]);
      expect(groups.get('not-stated')).toMatchObject({ published: false, reason: 'small' });
      expect(groups.get('bme')).toEqual({ base: 12, published: false, reason: 'overlap' });
      expect(groups.get('white')).toEqual({ base: 80, published: true, reason: null });

      // Two small parts protect each other: nothing more is withheld.
      const two = protectGroups({ view: map({ a: 80, b: 4, c: 6 }), wider: [], siblingSets: [] });
      protectGroupPartitions(two, [{ parts: ['a', 'b', 'c'], total: 'all' }]);
      expect(two.get('a')).toMatchObject({ published: true });
    });

    it('publishes everything for a viewer with person-level access', () => {
      expect(unprotectedGroups(map({ item: 3 })).get('item')).toEqual({
        base: 3,
        published: true,
        reason: null,
      });
    });
  });

  describe('funnel', () => {
    const stages = ['signed-up', 'attended', 'certified'];
    const raw = map({
      'stage:signed-up': 288,
      'stage:attended': 283,
      'stage:certified': 231,
      'org:a:signed-up': 40,
      'org:a:attended': 36,
      'org:a:certified': 30,
    });

    it('publishes whole-programme stages as they are, and chains only small units', () => {
      const counts = protectView({ view: raw, wider: [], siblingSets: [] });
      protectFunnel(counts, raw, {
        lines: [],
        chainedRows: [stages.map((stage) => `org:a:${stage}`)],
      });
      // 288 → 283 differ by 5: an operational count at programme level, not a small group.
      expect(stages.map((stage) => counts.get(`stage:${stage}`))).toEqual([
        { value: 288, suppressed: false },
        { value: 283, suppressed: false },
        { value: 231, suppressed: false },
      ]);
      // The organisation's 40 → 36 would describe 4 named people from one place: withheld.
      expect(counts.get('org:a:attended')).toMatchObject({ suppressed: true });
      expect(counts.get('org:a:certified')).toEqual({ value: 30, suppressed: false });
    });

    it('still withholds small counts of people in a stage, with secondary suppression', () => {
      const stageRaw = map({ total: 60, 'system:x': 52, 'system:y': 8 });
      const counts = protectView({ view: stageRaw, wider: [], siblingSets: [] });
      protectFunnel(counts, stageRaw, {
        lines: [{ parts: ['system:x', 'system:y'], total: 'total', publishedTotal: true }],
        chainedRows: [],
      });
      expect(counts.get('system:y')).toMatchObject({ suppressed: true, reason: 'small' });
      expect(counts.get('system:x')).toMatchObject({ suppressed: true, reason: 'secondary' });
      expect(counts.get('total')).toEqual({ value: 60, suppressed: false });
    });
  });

  describe('threshold', () => {
    it('defaults to 10 and may not be set below 5', () => {
      expect(resolveThreshold()).toBe(10);
      expect(resolveThreshold(5)).toBe(5);
      expect(resolveThreshold(20)).toBe(20);
      expect(() => resolveThreshold(4)).toThrow(RangeError);
      expect(() => resolveThreshold(7.5)).toThrow(RangeError);
      expect(() => protectGroups({ view: map({ a: 1 }), wider: [], siblingSets: [], threshold: 3 })).toThrow(
        RangeError,
      );
      expect(() => protectFunnel(new Map(), new Map(), { lines: [], chainedRows: [], threshold: 4 })).toThrow(
        RangeError,
      );
    });
  });
});
