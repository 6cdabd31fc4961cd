import { Injectable } from '@nestjs/common';
import { FUNNEL_STAGES, FunnelReport, FunnelRow } from '@upstand/contracts';
import { Line, protectFunnel } from '@upstand/statistics';
import { OrganisationsRepository } from '../../organisations/organisations.repository';
import { AnalyticsScope, financialYear } from '../analytics-scope';
import { disclosure, toCount, viewCounts } from '../view-counts';
import { FunnelRepository } from './funnel.repository';

/** How far people got: confirmed, attended, sets, certified, active afterwards; overall, by system and organisation. */
@Injectable()
export class FunnelService {
  constructor(
    private readonly repository: FunnelRepository,
    private readonly organisations: OrganisationsRepository,
  ) {}

  async funnel(scope: AnalyticsScope): Promise<FunnelReport> {
    const [systems, organisations, rows] = await Promise.all([
      this.organisations.systems(),
      this.organisations.withDelegatesOn(scope.programmeId, scope.sponsorOrganisationId, scope.systemIds),
      // The Community of Practice stage counts activity in the view's financial years (the latest when undated).
      this.repository.counts(scope, {
        from: scope.startFrom ? financialYear(scope.startFrom) : null,
        to: scope.startTo ? financialYear(scope.startTo) : null,
      }),
    ]);
    const stages = [...FUNNEL_STAGES];
    const expected = stages.map((stage) => `stage:${stage}`);
    const { counts, raw } = viewCounts(scope, rows, expected);
    const present = (prefix: string) => [
      ...new Set([...raw.keys()].filter((cell) => cell.startsWith(prefix)).map((cell) => cell.split(':')[1])),
    ];
    // In name order (then id), not the order rows arrived in: which neighbour protection withholds must not
    // depend on how the database happened to read the rows.
    // Looked up, not searched for: 400 organisations sorted by a find() per comparison took 40 ms.
    const systemNames = new Map(systems.map((system) => [system.id, system.name]));
    const organisationNames = new Map(
      organisations.map((organisation) => [organisation.id, organisation.name]),
    );
    const byName = (names: Map<string, string>, unknown: string) => (a: string, b: string) =>
      (names.get(a) ?? unknown).localeCompare(names.get(b) ?? unknown) || a.localeCompare(b);
    const systemKeys = present('system:').sort(byName(systemNames, 'Unknown system'));
    const organisationKeys = present('org:').sort(byName(organisationNames, 'Not known'));
    for (const key of systemKeys)
      for (const stage of stages)
        if (!raw.has(`system:${key}:${stage}`)) raw.set(`system:${key}:${stage}`, 0);
    if (!scope.personLevel) {
      const lines: Line[] = stages.flatMap((stage) => [
        {
          parts: systemKeys.map((key) => `system:${key}:${stage}`),
          total: `stage:${stage}`,
          publishedTotal: true,
        },
        {
          parts: organisationKeys.map((key) => `org:${key}:${stage}`),
          total: `stage:${stage}`,
          publishedTotal: true,
        },
        ...systemKeys.map((system) => ({
          parts: organisations
            .filter((organisation) => organisation.systemId === system)
            .map((organisation) => `org:${organisation.id}:${stage}`),
          total: `system:${system}:${stage}`,
          publishedTotal: true,
        })),
      ]);
      // Whole-programme, group and system stages are operational counts; an organisation's or a cohort's are
      // small units, where a drop between stages would describe a few identifiable people.
      const smallUnit = scope.chain[0]?.level === 'organisation' || scope.chain[0]?.level === 'cohort';
      protectFunnel(counts, raw, {
        lines,
        chainedRows: [
          ...(smallUnit ? [expected] : []),
          ...organisationKeys.map((key) => stages.map((stage) => `org:${key}:${stage}`)),
        ],
        // Certified people by organisation (and an organisation's or cohort's own certified count) are published
        // by reach and the breakdowns as counts of people, so the chain keeps them and withholds a neighbour.
        anchors: new Set(['stage:certified', ...organisationKeys.map((key) => `org:${key}:certified`)]),
        threshold: scope.threshold,
      });
    }
    const row = (prefix: string, key: string, label: string): FunnelRow => ({
      key,
      label,
      counts: stages.map((stage) => toCount(counts.get(`${prefix}:${key}:${stage}`))),
    });
    return {
      ...disclosure(scope),
      stages,
      overall: stages.map((stage) => toCount(counts.get(`stage:${stage}`))),
      bySystem: systemKeys.map((key) => row('system', key, systemNames.get(key) ?? 'Unknown system')),
      byOrganisation: organisationKeys.map((key) =>
        row('org', key, organisationNames.get(key) ?? 'Not known'),
      ),
    };
  }
}
