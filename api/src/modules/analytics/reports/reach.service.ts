import { Injectable } from '@nestjs/common';
import { Count, ReachReport } from '@upstand/contracts';
import { protectLines } from '@upstand/statistics';
import { OrganisationsRepository } from '../../organisations/organisations.repository';
import { AnalyticsScope } from '../analytics-scope';
import { disclosure, toCount, viewCounts } from '../view-counts';
import { ReachRepository } from './reach.repository';

/** Certified people against each organisation's and system's staff headcount. */
@Injectable()
export class ReachService {
  constructor(
    private readonly repository: ReachRepository,
    private readonly organisations: OrganisationsRepository,
  ) {}

  async reach(scope: AnalyticsScope): Promise<ReachReport> {
    const organisations = await this.organisations.withDelegatesOn(
      scope.programmeId,
      scope.sponsorOrganisationId,
      scope.systemIds,
    );
    // A view of one organisation (a sponsor's, or a filter) has no system figures: the system's headcount
    // would stand against one organisation's people.
    const oneOrganisation =
      !!scope.sponsorOrganisationId ||
      !!scope.filters.organisationId ||
      scope.chain[0]?.level === 'organisation';
    const systemIds = oneOrganisation
      ? []
      : [...new Set(organisations.map((organisation) => organisation.systemId))].filter(
          (id): id is string => id !== null,
        );
    const expected = [
      'total',
      ...organisations.map((organisation) => `org:${organisation.id}`),
      ...systemIds.map((id) => `system:${id}`),
    ];
    const [{ counts, raw }, systemHeadcounts] = await Promise.all([
      this.repository.counts(scope).then((rows) => viewCounts(scope, rows, expected)),
      this.organisations.systemHeadcounts(systemIds),
    ]);
    if (!scope.personLevel) {
      const systems = [...new Set(organisations.map((organisation) => organisation.systemId))];
      protectLines(
        counts,
        [
          {
            parts: [...raw.keys()].filter((cell) => cell.startsWith('org:')),
            total: 'total',
            publishedTotal: true,
          },
          ...systems.map((system) => ({
            parts: organisations.filter((o) => o.systemId === system).map((o) => `org:${o.id}`),
            total: `system:${system}`,
            publishedTotal: true,
          })),
        ],
        raw,
      );
    }
    return {
      ...disclosure(scope),
      rows: organisations.map((organisation) => {
        const trained = toCount(counts.get(`org:${organisation.id}`));
        return {
          organisationId: organisation.id,
          odsCode: organisation.odsCode,
          name: organisation.name,
          trained,
          headcount: organisation.headcount,
          headcountAsOf: organisation.headcountAsOf,
          perThousandStaff: perThousand(trained, organisation.headcount),
        };
      }),
      systems: systemHeadcounts.map((system) => {
        const trained = toCount(counts.get(`system:${system.systemId}`));
        return {
          systemId: system.systemId,
          odsCode: system.odsCode,
          name: system.name,
          trained,
          headcount: system.headcount,
          headcountAsOf: system.headcountAsOf,
          organisationsWithHeadcount: system.organisationsWithHeadcount,
          organisations: system.organisations,
          perThousandStaff: perThousand(trained, system.headcount),
        };
      }),
    };
  }
}

/** Certified people per 1,000 staff: null without a headcount, or when the count is withheld. */
function perThousand(trained: Count, headcount: number | null): number | null {
  return headcount && trained.value !== null && !trained.suppressed
    ? (trained.value / headcount) * 1000
    : null;
}
