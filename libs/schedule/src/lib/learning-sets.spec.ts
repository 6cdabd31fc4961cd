import { allocateLearningSets, balancedSizes, chooseSetCount, SetMember } from './learning-sets';

const people = (count: number, organisations: string[]): SetMember[] =>
  Array.from({ length: count }, (_unused, index) => ({
    id: `p${index + 1}`,
    organisationId: organisations[index % organisations.length] ?? null,
  }));

describe('balancedSizes', () => {
  it('spreads people evenly, largest first', () => {
    expect(balancedSizes(25, 4)).toEqual([7, 6, 6, 6]);
    expect(balancedSizes(24, 3)).toEqual([8, 8, 8]);
    expect(balancedSizes(0, 2)).toEqual([0, 0]);
  });
});

describe('chooseSetCount', () => {
  it.each([
    [24, 3], // 8, 8, 8
    [25, 4], // 7, 6, 6, 6
    [16, 2], // 8, 8
    [14, 2], // 7, 7
    [13, 2], // 7, 6
    [6, 1],
    [8, 1],
    [9, 1], // one set of 9 strays less than two of 5 and 4
    [12, 2], // 6, 6
    [50, 7], // 8, 7, 7, 7, 7, 7, 7
  ])('%i delegates → %i sets', (total, sets) => expect(chooseSetCount(total)).toBe(sets));

  it('makes no sets for nobody', () => expect(chooseSetCount(0)).toBe(0));
});

describe('allocateLearningSets', () => {
  it('places everyone exactly once in balanced sets', () => {
    const members = people(25, ['RWE', 'RT5', 'QK1']);
    const { sets, warnings } = allocateLearningSets(members);
    expect(sets.map((set) => set.length)).toEqual([7, 6, 6, 6]);
    expect(
      sets
        .flat()
        .map((member) => member.id)
        .sort(),
    ).toEqual(members.map((member) => member.id).sort());
    expect(warnings).toEqual([]);
  });

  it('mixes organisations: no set has two from one organisation while another set has none', () => {
    const members = [
      ...people(8, ['RWE']),
      ...people(8, ['RT5']).map((member) => ({ ...member, id: `${member.id}b` })),
      ...people(8, ['RP1']).map((member) => ({ ...member, id: `${member.id}c` })),
    ];
    const { sets } = allocateLearningSets(members);
    for (const set of sets) {
      const counts = new Map<string | null, number>();
      for (const member of set)
        counts.set(member.organisationId, (counts.get(member.organisationId) ?? 0) + 1);
      expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
      expect(counts.size).toBe(3);
    }
  });

  it('warns when the cohort is too small for a full set', () => {
    expect(allocateLearningSets(people(4, ['RWE'])).warnings).toEqual(['Set 1 has 4 people, fewer than 6']);
  });

  it('is deterministic', () => {
    const members = people(20, ['RWE', 'RT5', 'RP1', 'QK1']);
    expect(allocateLearningSets(members)).toEqual(allocateLearningSets(members));
  });

  it('refuses a nonsensical range', () => {
    expect(() => allocateLearningSets(people(3, ['A']), { min: 5, max: 4 })).toThrow();
  });
});
