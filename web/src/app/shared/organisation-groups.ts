import { Organisation } from '@upstand/contracts';

export interface OrganisationGroup {
  label: string;
  organisations: Organisation[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');

/**
 * Groups organisations by integrated care board for an <optgroup> select: each ICB first in its own group,
 * then its member organisations by name; organisations without a system go last under "Other organisations".
 */
export function groupBySystem(organisations: readonly Organisation[]): OrganisationGroup[] {
  const icbs = organisations.filter((o) => o.type === 'icb').sort(byName);
  const groups = new Map<string, OrganisationGroup>();
  for (const icb of icbs) groups.set(icb.id, { label: icb.name, organisations: [icb] });
  const other: Organisation[] = [];
  const members = organisations.filter((o) => o.type !== 'icb').sort(byName);
  for (const organisation of members) {
    const systemId = organisation.system?.id;
    let group = systemId ? groups.get(systemId) : undefined;
    if (!group && organisation.system) {
      group = { label: organisation.system.name, organisations: [] };
      groups.set(organisation.system.id, group);
    }
    (group?.organisations ?? other).push(organisation);
  }
  const result = [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
  if (other.length) result.push({ label: 'Other organisations', organisations: other });
  return result;
}
