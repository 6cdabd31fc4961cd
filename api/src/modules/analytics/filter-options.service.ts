import { Injectable } from '@nestjs/common';
import { AnalyticsFilterOptions } from '@upstand/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { NotFoundError } from '../../common/domain-errors';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { programmeVisibleTo } from '../programmes/programmes.service';
import { AnalyticsScopeResolver } from './analytics-scope.resolver';

/** What the Impact filters can be set to: only what the viewer may see. */
@Injectable()
export class FilterOptionsService {
  constructor(
    private readonly scopes: AnalyticsScopeResolver,
    private readonly programmes: ProgrammesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly cohorts: CohortsRepository,
  ) {}

  /** The programmes, and the systems, organisations and cohorts within the viewer's reach to filter by. */
  async options(user: AuthenticatedUser, programmeId?: string): Promise<AnalyticsFilterOptions> {
    // Regional programmes and the viewer's own system's: another system's programme is not offered.
    const programmes = (await this.programmes.listOldestFirst())
      .filter((programme) => programmeVisibleTo(user, programme))
      .map(({ id, name }) => ({ id, name }));
    const chosen = programmeId ?? programmes[0]?.id;
    if (!chosen) return { programmes, systems: [], organisations: [], cohorts: [] };
    if (!programmes.some((programme) => programme.id === chosen))
      throw new NotFoundError('Programme', chosen);
    const { sponsorOrganisationId, systemIds } = this.scopes.viewer(user);
    const inReach = (systemId: string | null) =>
      systemIds === null || (!!systemId && systemIds.includes(systemId));
    const [systems, organisations, cohorts] = await Promise.all([
      this.organisations.systems(),
      this.organisations.withDelegatesOn(chosen, sponsorOrganisationId, systemIds),
      this.cohorts.ofProgramme(chosen),
    ]);
    return {
      programmes,
      systems: sponsorOrganisationId ? [] : systems.filter((system) => inReach(system.id)),
      organisations: organisations.map(({ id, odsCode, name, systemId }) => ({
        id,
        odsCode,
        name,
        systemId,
      })),
      // A cohort belongs to its own system, as on the cohort pages (a filter on another's answers 404).
      cohorts: cohorts.filter((cohort) => inReach(cohort.systemId)),
    };
  }
}
