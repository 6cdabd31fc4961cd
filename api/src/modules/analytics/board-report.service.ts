import { Inject, Injectable } from '@nestjs/common';
import { FRAMEWORK_AREA_LABELS, itemLabel } from '@upstand/contracts';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { AnalyticsScope } from './analytics-scope';
import { BoardReportRepository } from './board-report.repository';
import { AnalyticsService } from './analytics.service';
import { renderBoardReport } from './board-report';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { ProgrammesRepository } from '../programmes/programmes.repository';

const GROUP_NAMES = { home: 'the home system', 'scale-up': 'the Midlands scale-up systems' } as const;

/** Gathers the board report's figures (protected as on the dashboard for whoever asks) and renders the PDF. */
@Injectable()
export class BoardReportService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly analytics: AnalyticsService,
    private readonly repository: BoardReportRepository,
    private readonly evaluations: EvaluationsService,
    private readonly programmes: ProgrammesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly cohorts: CohortsRepository,
  ) {}

  async render(scope: AnalyticsScope, now: Date = new Date()): Promise<Buffer> {
    const { programmeId } = scope;
    const [overview, items, funnel, reach, cumulative, ...breakdowns] = await Promise.all([
      this.analytics.overview(scope),
      this.analytics.items(scope, 'pre', 'post'),
      this.analytics.funnel(scope),
      this.analytics.reach(scope),
      this.analytics.cumulative(scope),
      ...(['group', 'ethnicity', 'disability', 'staff-group'] as const).map((dimension) =>
        this.analytics.breakdown(scope, dimension, 'all'),
      ),
    ]);
    const [governance, programmeName, filters, instruments] = await Promise.all([
      this.repository.governanceSummary(programmeId),
      this.programmes.nameOf(programmeId),
      this.filtersInWords(scope),
      Promise.all([
        this.evaluations.instrument(programmeId, 'pre'),
        this.evaluations.instrument(programmeId, 'post'),
      ]),
    ]);
    // The post questionnaire's label wins: it is the later version the lead edited.
    const itemLabels: Record<string, string> = {};
    for (const instrument of instruments)
      for (const item of instrument?.items ?? []) itemLabels[item.code] = itemLabel(item);
    return renderBoardReport({
      programmeName: programmeName ?? 'Programme',
      branding: {
        organisationName: this.config.branding.organisationName,
        logo: this.config.branding.logo?.data ?? null,
      },
      generatedAt: now,
      startFrom: overview.startFrom,
      startTo: overview.startTo,
      filters,
      personLevel: scope.personLevel,
      threshold: scope.threshold,
      itemLabels,
      overview,
      items,
      funnel,
      reach,
      cumulative,
      breakdowns,
      review: governance.review && {
        label: governance.review.label,
        ratings: governance.review.ratings.map((rating) => ({
          ...rating,
          area: (FRAMEWORK_AREA_LABELS as Record<string, string>)[rating.area] ?? rating.area,
        })),
      },
      actions: governance.actions,
    });
  }

  /** The filters by name, as a Board reads them: "Integrated care system: NHS Coventry and Warwickshire ICB". */
  private async filtersInWords(scope: AnalyticsScope): Promise<string[]> {
    const { filters } = scope;
    const organisationId = filters.organisationId ?? scope.sponsorOrganisationId;
    const [systems, organisations, cohorts] = await Promise.all([
      filters.systemId || scope.systemIds ? this.organisations.systems() : Promise.resolve([]),
      organisationId ? this.organisations.withDelegatesOn(scope.programmeId, organisationId) : [],
      filters.cohortId ? this.cohorts.ofProgramme(scope.programmeId) : Promise.resolve([]),
    ]);
    const words: string[] = [];
    if (filters.group) words.push(`Systems: ${GROUP_NAMES[filters.group]}`);
    if (filters.systemId)
      words.push(
        `Integrated care system: ${systems.find((system) => system.id === filters.systemId)?.name ?? 'unknown'}`,
      );
    else if (scope.systemIds)
      words.push(
        `Integrated care systems in your reach: ${systems
          .filter((system) => scope.systemIds?.includes(system.id))
          .map((system) => system.name)
          .join(', ')}`,
      );
    if (organisationId)
      words.push(
        `Organisation: ${organisations.find((organisation) => organisation.id === organisationId)?.name ?? 'unknown'}`,
      );
    if (filters.cohortId)
      words.push(`Cohort: ${cohorts.find((cohort) => cohort.id === filters.cohortId)?.name ?? 'unknown'}`);
    return words;
  }
}
