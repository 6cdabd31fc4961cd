import { Inject, Injectable } from '@nestjs/common';
import { AnalyticsFilters } from '@upstand/contracts';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser, hasRole, sponsoredOrganisationIds } from '../../common/auth/authenticated-user';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ProgrammesService } from '../programmes/programmes.service';
import {
  AnalyticsScope,
  financialYear,
  financialYearEnd,
  financialYearStart,
  ViewUnit,
} from './analytics-scope';
import { AnalyticsRepository } from './analytics.repository';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { OrganisationsRepository } from '../organisations/organisations.repository';

type Viewer = Pick<AuthenticatedUser, 'roles'>;

/** Who a viewer of Impact figures is: what level of detail they get and whose people they may see. */
export interface ImpactViewer {
  /** Programme leads may see person-level data, so nothing is withheld from them. */
  personLevel: boolean;
  /** A sponsor sees only their own organisation's people. */
  sponsorOrganisationId: string | null;
  /** The systems whose people (by employing system, else the cohort's) the viewer may see; null = every system. */
  systemIds: string[] | null;
}

/**
 * Resolves who sees what in Impact, apart from building any report: leads see their people person by person;
 * steering members and sponsors see aggregates with small numbers withheld, checked against every wider view
 * they could also ask for. A grant scoped to a system limits all of it to the people that system employs (or,
 * without an employer, whose cohort it runs), and for steering the system is the widest view there is.
 */
@Injectable()
export class AnalyticsScopeResolver {
  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly programmes: ProgrammesService,
    private readonly organisations: OrganisationsRepository,
    private readonly cohorts: CohortsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The viewer's level of detail and reach; refuses anyone who is not on the programme team. */
  viewer(user: Viewer): ImpactViewer {
    if (hasRole(user, 'programme-lead'))
      return {
        personLevel: true,
        sponsorOrganisationId: null,
        systemIds: visibleSystemIds(user, ['programme-lead']),
      };
    if (hasRole(user, 'steering'))
      return {
        personLevel: false,
        sponsorOrganisationId: null,
        systemIds: visibleSystemIds(user, ['steering']),
      };
    const sponsorOrganisationId = sponsoredOrganisationIds(user)[0] ?? null;
    if (!sponsorOrganisationId) throw new ForbiddenError('Impact figures are for the programme team');
    return { personLevel: false, sponsorOrganisationId, systemIds: null };
  }

  async resolve(user: Viewer, filters: AnalyticsFilters): Promise<AnalyticsScope> {
    // Another system's programme answers 404, exactly like a missing one.
    await this.programmes.requireVisible(filters.programmeId, user);
    const threshold = this.config.analytics.suppressionThreshold;
    if (filters.startFrom && filters.startTo && filters.startFrom > filters.startTo)
      throw InvalidInputError.field('startTo', 'startTo must be on or after startFrom');
    const viewer = this.viewer(user);
    const { sponsorOrganisationId, systemIds } = viewer;
    const base = { programmeId: filters.programmeId, threshold, filters, sponsorOrganisationId, systemIds };
    if (systemIds !== null) await this.assertFiltersWithin(filters, systemIds);
    if (viewer.personLevel) {
      return {
        ...base,
        personLevel: true,
        chain: [{ level: 'all', value: '' }],
        siblingsWithin: null,
        fyFrom: null,
        fyTo: null,
        startFrom: filters.startFrom ?? null,
        startTo: filters.startTo ?? null,
      };
    }

    const units = (['group', 'systemId', 'organisationId', 'cohortId'] as const).filter(
      (key) => filters[key],
    );
    if (units.length > 1)
      throw InvalidInputError.field(
        units[1],
        'Choose one of group, system, organisation or cohort at a time (aggregate views protect small groups)',
      );
    let chain: ViewUnit[] = [{ level: 'all', value: '' }];
    let siblingsWithin: ViewUnit | null = null;
    if (sponsorOrganisationId) {
      if (filters.organisationId && filters.organisationId !== sponsorOrganisationId)
        throw new ForbiddenError('Sponsors see their own organisation only');
      if (filters.group || filters.systemId)
        throw InvalidInputError.field(
          filters.group ? 'group' : 'systemId',
          'Sponsors can filter by cohort and dates',
        );
    }
    if (filters.cohortId) {
      const cohort = await this.cohorts.placeOf(filters.cohortId);
      if (!cohort || cohort.programmeId !== filters.programmeId)
        throw InvalidInputError.field('cohortId', 'This cohort is not part of the programme');
      const system = sponsorOrganisationId ? null : await this.organisations.placeOf(cohort.systemId);
      const group = system?.isHomeSystem ? 'home' : 'scale-up';
      // The cohort's figures count its delegates from the cohort's own system, so the view nests in the system's.
      chain = system
        ? [
            { level: 'cohort', value: filters.cohortId },
            { level: 'system', value: system.id },
            { level: 'group', value: group },
            ...chain,
          ]
        : [{ level: 'cohort', value: filters.cohortId }, ...chain];
      siblingsWithin = { level: 'system', value: cohort.systemId };
    } else if (filters.group) {
      chain = [{ level: 'group', value: filters.group }, ...chain];
      siblingsWithin = { level: 'all', value: '' };
    } else if (filters.systemId) {
      const system = await this.organisations.placeOf(filters.systemId);
      if (!system || system.type !== 'icb')
        throw InvalidInputError.field('systemId', 'systemId must be an integrated care board');
      const group = system.isHomeSystem ? 'home' : 'scale-up';
      chain = [{ level: 'system', value: system.id }, { level: 'group', value: group }, ...chain];
      siblingsWithin = { level: 'group', value: group };
    } else if (filters.organisationId && !sponsorOrganisationId) {
      const organisation = await this.organisations.placeOf(filters.organisationId);
      if (!organisation) throw InvalidInputError.field('organisationId', 'Unknown organisation');
      const group = organisation.isHomeSystem ? 'home' : 'scale-up';
      chain = [
        { level: 'organisation', value: organisation.id },
        ...(organisation.systemId ? [{ level: 'system' as const, value: organisation.systemId }] : []),
        { level: 'group', value: group },
        ...chain,
      ];
      siblingsWithin = organisation.systemId
        ? { level: 'system', value: organisation.systemId }
        : { level: 'all', value: '' };
    }
    if (systemIds?.length === 1)
      ({ chain, siblingsWithin } = endingAtSystem(chain, siblingsWithin, systemIds[0] as string));
    const fyFrom = filters.startFrom ? financialYear(filters.startFrom) : null;
    const fyTo = filters.startTo ? financialYear(filters.startTo) : null;
    const scope: AnalyticsScope = {
      ...base,
      personLevel: false,
      chain,
      siblingsWithin,
      fyFrom,
      fyTo,
      startFrom: fyFrom === null ? null : financialYearStart(fyFrom),
      startTo: fyTo === null ? null : financialYearEnd(fyTo),
    };
    return this.withSoleContainers(scope);
  }

  /**
   * A filter reaching outside the viewer's systems is refused rather than answered with nothing, so nobody reads
   * an empty report as "no one from there": systems, organisations and groups are public reference data, so the
   * refusal (403, naming the field) tells nothing new; a cohort is answered as a missing one is (404), as the
   * cohort routes do.
   */
  private async assertFiltersWithin(filters: AnalyticsFilters, systemIds: string[]): Promise<void> {
    const outside = (field: string) =>
      new ForbiddenError(`Your figures are for your own system: ${field} is outside it`, [
        { field, message: `${field} is outside the system your role covers` },
      ]);
    if (filters.cohortId) {
      const cohort = await this.cohorts.placeOf(filters.cohortId);
      if (!cohort || !systemIds.includes(cohort.systemId))
        throw new NotFoundError('Cohort', filters.cohortId);
    }
    if (filters.systemId && !systemIds.includes(filters.systemId)) throw outside('systemId');
    if (filters.organisationId) {
      const organisation = await this.organisations.placeOf(filters.organisationId);
      if (!organisation?.systemId || !systemIds.includes(organisation.systemId))
        throw outside('organisationId');
    }
    if (filters.group) {
      const systems = await this.organisations.systems();
      if (!systems.some((system) => system.group === filters.group && systemIds.includes(system.id)))
        throw outside('group');
    }
  }

  /**
   * Outside the organisation → system → group hierarchy, a view can still sit inside another the same user can
   * ask for: an organisation whose staff (in the chosen years) were all in one cohort, or a cohort drawn from a
   * single organisation. Those views join the wider views the counts are checked against.
   */
  private async withSoleContainers(scope: AnalyticsScope): Promise<AnalyticsScope> {
    const unit = scope.chain[0] as ViewUnit;
    if (unit.level === 'all') return scope;
    const { cohortId, organisationId } = await this.repository.soleContainers(scope);
    const extra: ViewUnit[] = [];
    const inChain = (level: ViewUnit['level']) => scope.chain.some((entry) => entry.level === level);
    if (cohortId && !inChain('cohort')) extra.push({ level: 'cohort', value: cohortId });
    if (organisationId && !inChain('organisation') && !scope.sponsorOrganisationId)
      extra.push({ level: 'organisation', value: organisationId });
    return extra.length ? { ...scope, chain: [unit, ...extra, ...scope.chain.slice(1)] } : scope;
  }
}

/**
 * For a viewer of one system, the system is the widest view: the group and the whole programme would hold only
 * the same people (the others are never counted), so they are dropped, an unfiltered (or group) view becomes the
 * system's, and the system has no siblings the viewer could subtract it from.
 */
function endingAtSystem(
  chain: ViewUnit[],
  siblingsWithin: ViewUnit | null,
  systemId: string,
): { chain: ViewUnit[]; siblingsWithin: ViewUnit | null } {
  const within = chain.filter((unit) => unit.level !== 'group' && unit.level !== 'all');
  if (within.length === 0 || within[0]?.level === 'system')
    return { chain: [{ level: 'system', value: systemId }], siblingsWithin: null };
  return { chain: within, siblingsWithin };
}
