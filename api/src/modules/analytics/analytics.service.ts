import { Injectable } from '@nestjs/common';
import {
  AnalyticsFilterOptions,
  AnalyticsOverview,
  Breakdown,
  BreakdownDimension,
  CommentsReport,
  ConstructAnalytics,
  Count,
  CumulativeReport,
  Disclosure,
  FUNNEL_STAGES,
  FunnelReport,
  FunnelRow,
  HEADLINE_ITEM_CODE,
  InstrumentItem,
  ItemAnalytics,
  ItemAnalyticsReport,
  PAY_SCHEME_LABELS,
  ReachReport,
  ResponseRateReport,
  STAFF_GROUPS,
} from '@upstand/contracts';
import {
  GroupDecision,
  holmAdjust,
  Line,
  mcnemarTest,
  meanFromCounts,
  medianFromCounts,
  pairedTTestFromCounts,
  pairedTTestFromSummary,
  protectFunnel,
  protectGroupPartitions,
  protectLines,
  protectNestedChain,
  shares,
  ValueCount,
  wilcoxonSignedRankFromCounts,
} from '@upstand/statistics';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { AnalyticsScope, financialYear } from './analytics-scope';
import { AnalyticsScopeResolver } from './analytics-scope.resolver';
import { AnalyticsRepository, CellSource, JointRow } from './analytics.repository';
import { groupBase, toCount, usable, viewCounts, ViewCounts, viewGroups, viewRaw } from './view-counts';
import { programmeVisibleTo } from '../programmes/programmes.service';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { CohortsRepository } from '../cohorts/cohorts.repository';

type Stage = 'pre' | 'post' | 'follow-up';
const NUMERIC_TYPES = new Set(['likert-5', 'scale-0-10', 'yes-no']);
const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
/** Respondents are among the people asked by construction (see AnalyticsRepository.asked), so no clamp at 1: a rate
 * above 1 would be a bug to see, not to hide. */
const rate = (part: number | null, whole: number | null): number | null =>
  part !== null && whole ? part / whole : null;

const GROUP_LABELS: Record<string, string> = { home: 'Home system', 'scale-up': 'Midlands scale-up' };
const WRES_LABELS: Record<string, string> = {
  white: 'White',
  bme: 'Black and minority ethnic',
  'not-stated': 'Not stated',
};
const DISABILITY_LABELS: Record<string, string> = {
  yes: 'Disabled',
  no: 'Not disabled',
  'prefer-not-to-say': 'Prefer not to say',
  'not-stated': 'Not stated',
};

@Injectable()
export class AnalyticsService {
  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly evaluations: EvaluationsService,
    private readonly scopes: AnalyticsScopeResolver,
    private readonly programmes: ProgrammesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly cohorts: CohortsRepository,
  ) {}

  private disclosure(scope: AnalyticsScope): Disclosure {
    return {
      suppressionApplied: !scope.personLevel,
      threshold: scope.threshold,
      startFrom: scope.startFrom,
      startTo: scope.startTo,
    };
  }

  private async counts(
    scope: AnalyticsScope,
    source: CellSource,
    expected: Iterable<string>,
  ): Promise<ViewCounts> {
    return viewCounts(scope, await this.repository.countCells(scope, source), expected);
  }

  async overview(scope: AnalyticsScope): Promise<AnalyticsOverview> {
    const { counts, raw } = await this.counts(scope, AnalyticsRepository.overviewCells(scope.programmeId), [
      'trained',
      'trained:home',
      'trained:scale-up',
      'paired',
    ]);
    if (!scope.personLevel)
      protectLines(counts, [{ parts: ['trained:home', 'trained:scale-up'], total: 'trained' }], raw);
    const trained = toCount(counts.get('trained'));
    const scaleUp = toCount(counts.get('trained:scale-up'));
    const items = await this.itemReport(scope, 'pre', 'post', [HEADLINE_ITEM_CODE]);
    return {
      ...this.disclosure(scope),
      trained,
      trainedHome: toCount(counts.get('trained:home')),
      trainedScaleUp: scaleUp,
      scaleUpShare:
        trained.value && scaleUp.value !== null && !trained.suppressed ? scaleUp.value / trained.value : null,
      pairedPrePost: toCount(counts.get('paired')),
      headline: items.items.find((item) => item.itemCode === HEADLINE_ITEM_CODE) ?? null,
    };
  }

  /** Checked before the scope is resolved, so a request with the same stage twice is a 400 whatever else is wrong. */
  assertDifferentStages(from: Stage, to: Stage): void {
    if (from === to) throw InvalidInputError.field('to', 'from and to must be different stages');
  }

  async items(scope: AnalyticsScope, from: Stage, to: Stage): Promise<ItemAnalyticsReport> {
    this.assertDifferentStages(from, to);
    return this.itemReport(scope, from, to);
  }

  private async itemReport(
    scope: AnalyticsScope,
    from: Stage,
    to: Stage,
    onlyCodes?: string[],
  ): Promise<ItemAnalyticsReport> {
    const [fromInstrument, toInstrument] = await Promise.all([
      this.evaluations.instrument(scope.programmeId, from),
      this.evaluations.instrument(scope.programmeId, to),
    ]);
    const fromCodes = new Set(fromInstrument.items.map((item) => item.code));
    const items = toInstrument.items.filter(
      (item) =>
        NUMERIC_TYPES.has(item.type) &&
        fromCodes.has(item.code) &&
        !item.retrospective &&
        (!onlyCodes || onlyCodes.includes(item.code)),
    );
    // Construct scores need each person's own mean, so they are a separate query, run alongside.
    const constructRows = onlyCodes ? Promise.resolve([]) : this.constructRows(scope, from, to, items);
    const members = onlyCodes ? [] : this.constructMembers(items);
    const [pairRows, stageRows, constructPairRows] = await Promise.all([
      this.repository.countCells(
        scope,
        AnalyticsRepository.pairedAnswers(
          scope.programmeId,
          from,
          to,
          items.map((item) => item.code),
        ),
      ),
      this.repository.countCells(scope, AnalyticsRepository.stageResponses(scope.programmeId, from, to)),
      members.length
        ? this.repository.countCells(
            scope,
            AnalyticsRepository.constructPairs(
              from,
              to,
              members.map((item) => ({ code: item.code, construct: item.construct as string })),
            ),
          )
        : Promise.resolve([]),
    ]);
    // The joint tables feed the statistics only; they are never published as counts. Each item is one group of
    // survey results (its paired people), published or withheld whole; the stage counts are counts of people.
    const isJoint = (row: { cell: string }) => row.cell.startsWith('joint:');
    const { counts } = viewCounts(scope, stageRows, ['responses:from', 'responses:to', 'asked:to']);
    const groups = viewGroups(
      scope,
      [...pairRows.filter((row) => !isJoint(row)), ...constructPairRows],
      [
        ...items.map((item) => `item:${item.code}:paired`),
        ...members.map((item) => `construct:${item.construct as string}`),
      ],
    );
    const jointByItem = new Map<string, JointRow[]>();
    for (const [cell, n] of viewRaw(scope, pairRows.filter(isJoint))) {
      const [, itemCode, x, y] = cell.split(':') as [string, string, string, string];
      const row = { itemCode, from: Number(x), to: Number(y), n };
      const list = jointByItem.get(itemCode);
      if (list) list.push(row);
      else jointByItem.set(itemCode, [row]);
    }

    const analysed = items.map((item) =>
      this.itemAnalytics(
        scope,
        item,
        counts,
        groups.get(`item:${item.code}:paired`),
        jointByItem.get(item.code) ?? [],
      ),
    );
    const tested = analysed.map((item) => item.wilcoxon?.pValue ?? NaN);
    const adjusted = holmAdjust(tested);
    analysed.forEach((item, i) => {
      if (item.wilcoxon) item.wilcoxon.pValueHolm = finite(adjusted[i]);
    });

    const constructs = this.constructs(items, groups, await constructRows);
    return { ...this.disclosure(scope), from, to, items: analysed, constructs };
  }

  private itemAnalytics(
    scope: AnalyticsScope,
    item: InstrumentItem,
    counts: ViewCounts['counts'],
    group: GroupDecision | undefined,
    joint: JointRow[],
  ): ItemAnalytics {
    const published = group?.published ?? true;
    const base: ItemAnalytics = {
      itemCode: item.code,
      wording: item.wording,
      type: item.type,
      construct: item.construct ?? null,
      withheld: !published,
      withheldReason: group?.reason ?? null,
      nFrom: toCount(counts.get('responses:from')),
      nTo: toCount(counts.get('responses:to')),
      nPaired: groupBase(group),
      // A group of its own (the `to` stage's respondents); the number asked is revealed by it, so both must be
      // publishable.
      responseRate: rate(usable(scope, counts.get('responses:to')), usable(scope, counts.get('asked:to'))),
      meanFrom: null,
      meanTo: null,
      medianFrom: null,
      medianTo: null,
      meanChange: null,
      ci95: null,
      improvedShare: null,
      sameShare: null,
      worseShare: null,
      wilcoxon: null,
      effectSizeR: null,
      mcnemar: null,
      distributionFrom: null,
      distributionTo: null,
    };
    if (!published || joint.length === 0) return base;

    const fromCounts: ValueCount[] = joint.map((row) => [row.from, row.n]);
    const toCounts: ValueCount[] = joint.map((row) => [row.to, row.n]);
    const differences = new Map<number, number>();
    for (const row of joint)
      differences.set(row.to - row.from, (differences.get(row.to - row.from) ?? 0) + row.n);
    const differenceCounts = [...differences.entries()];
    const total = joint.reduce((sum, row) => sum + row.n, 0);
    const up = differenceCounts.filter(([d]) => d > 0).reduce((sum, [, c]) => sum + c, 0);
    const down = differenceCounts.filter(([d]) => d < 0).reduce((sum, [, c]) => sum + c, 0);
    const wilcoxon = wilcoxonSignedRankFromCounts(differenceCounts);
    const change = pairedTTestFromCounts(differenceCounts);
    // A published group is shown whole: every level's share, however few people it holds, so they add up to 1.
    const distribution = (side: 'from' | 'to') =>
      item.type === 'likert-5'
        ? shares(
            [1, 2, 3, 4, 5].map((level) =>
              joint.filter((row) => row[side] === level).reduce((sum, row) => sum + row.n, 0),
            ),
          )
        : null;
    let mcnemar: ItemAnalytics['mcnemar'] = null;
    if (item.type === 'yes-no') {
      const becameNo = joint.filter((row) => row.from === 1 && row.to === 0).reduce((s, r) => s + r.n, 0);
      const becameYes = joint.filter((row) => row.from === 0 && row.to === 1).reduce((s, r) => s + r.n, 0);
      const result = mcnemarTest(becameNo, becameYes);
      mcnemar = {
        becameNo,
        becameYes,
        pValue: result.pValue,
        method: result.method === 'exact' ? 'exact' : 'chi-squared',
      };
    }
    return {
      ...base,
      meanFrom: finite(meanFromCounts(fromCounts)),
      meanTo: finite(meanFromCounts(toCounts)),
      medianFrom: finite(medianFromCounts(fromCounts)),
      medianTo: finite(medianFromCounts(toCounts)),
      meanChange: finite(change.meanDifference),
      ci95: Number.isFinite(change.ciLower) ? [change.ciLower, change.ciUpper] : null,
      improvedShare: up / total,
      sameShare: (total - up - down) / total,
      worseShare: down / total,
      wilcoxon: {
        statistic: wilcoxon.statistic,
        pValue: wilcoxon.pValue,
        pValueHolm: null,
        z: finite(wilcoxon.z),
        method: wilcoxon.method,
      },
      effectSizeR: finite(wilcoxon.effectSizeR),
      mcnemar,
      distributionFrom: distribution('from'),
      distributionTo: distribution('to'),
    };
  }

  private constructMembers(items: InstrumentItem[]): InstrumentItem[] {
    return items.filter((item) => item.construct && item.type !== 'yes-no');
  }

  private constructRows(scope: AnalyticsScope, from: Stage, to: Stage, items: InstrumentItem[]) {
    return this.repository.constructScores(
      scope,
      from,
      to,
      this.constructMembers(items).map((item) => ({
        code: item.code,
        construct: item.construct as string,
        scale: item.type === 'scale-0-10' ? 0.4 : 1,
        offset: item.type === 'scale-0-10' ? 1 : 0,
      })),
    );
  }

  private constructs(
    items: InstrumentItem[],
    groups: Map<string, GroupDecision>,
    rows: Awaited<ReturnType<AnalyticsRepository['constructScores']>>,
  ): ConstructAnalytics[] {
    const members = this.constructMembers(items);
    return [...new Set(members.map((item) => item.construct as string))].map((construct) => {
      const itemCodes = members.filter((item) => item.construct === construct).map((item) => item.code);
      const row = rows.find((candidate) => candidate.construct === construct);
      // One group: the people paired on any of the construct's items, published or withheld whole.
      const group = groups.get(`construct:${construct}`);
      const published = group?.published ?? true;
      const nullResult: ConstructAnalytics = {
        construct,
        itemCodes,
        withheld: !published,
        withheldReason: group?.reason ?? null,
        nPaired: groupBase(group),
        meanFrom: null,
        meanTo: null,
        meanChange: null,
        ci95: null,
        t: null,
        df: null,
        pValue: null,
        cohensDz: null,
      };
      if (!row || !published) return nullResult;
      const test = pairedTTestFromSummary(row.n, row.meanChange, row.sdChange ?? NaN);
      return {
        ...nullResult,
        meanFrom: row.meanFrom,
        meanTo: row.meanTo,
        meanChange: row.meanChange,
        ci95: Number.isFinite(test.ciLower) ? [test.ciLower, test.ciUpper] : null,
        t: finite(test.t),
        df: finite(test.df),
        pValue: finite(test.pValue),
        cohensDz: finite(test.cohensDz),
      };
    });
  }

  async breakdown(scope: AnalyticsScope, dimension: BreakdownDimension): Promise<Breakdown> {
    const categories = await this.categories(scope, dimension);
    const expected = [
      'trained',
      'paired',
      ...categories.flatMap(({ key }) => [`trained:${key}`, `paired:${key}`]),
    ];
    const { counts, raw } = await this.counts(
      scope,
      AnalyticsRepository.breakdownCells(scope.programmeId, dimension),
      expected,
    );
    const seen = new Set(
      [...raw.entries()].filter(([, n]) => n > 0).map(([cell]) => cell.slice(cell.indexOf(':') + 1)),
    );
    const rows = categories.filter(({ key, fixed }) => fixed || seen.has(key));
    // People in a category the list does not name still show (under its key); an unnamed category nobody in
    // the view is in does not (the expected cells of the other systems' organisations are zeros, not people).
    for (const [cell, n] of raw) {
      const key = cell.slice(cell.indexOf(':') + 1);
      if (n > 0 && cell.includes(':') && !rows.some((row) => row.key === key))
        rows.push({ key, label: key, fixed: false });
    }
    if (!scope.personLevel) {
      protectLines(
        counts,
        (['trained', 'paired'] as const).map((measure) => ({
          parts: rows.map(({ key }) => `${measure}:${key}`),
          total: measure,
          publishedTotal: true,
        })),
        raw,
      );
    }
    const [changes, headlineRows] = await Promise.all([
      this.repository.headlineChangeByCategory(scope, dimension, HEADLINE_ITEM_CODE),
      this.repository.countCells(
        scope,
        AnalyticsRepository.headlineCategoryPairs(dimension, HEADLINE_ITEM_CODE),
      ),
    ]);
    // Each category's headline change is a group of survey results: published whole or withheld whole, and, as the
    // categories partition the view's headline group (published in the overview), a lone withheld category takes
    // the next smallest with it.
    const headline = viewGroups(
      scope,
      headlineRows,
      rows.map(({ key }) => `headline:${key}`),
    );
    if (!scope.personLevel)
      protectGroupPartitions(headline, [
        { parts: rows.map(({ key }) => `headline:${key}`), total: 'headline' },
      ]);
    return {
      ...this.disclosure(scope),
      dimension,
      rows: rows.map(({ key, label }) => {
        const group = headline.get(`headline:${key}`);
        const change = changes.find((row) => row.key === key);
        const show = (group?.published ?? false) && change && change.n > 0;
        return {
          key,
          label,
          trained: toCount(counts.get(`trained:${key}`)),
          paired: toCount(counts.get(`paired:${key}`)),
          headlineN: groupBase(group).value,
          headlineMeanChange: show ? change.sumChange / change.n : null,
          headlineImprovedShare: show ? change.improved / change.n : null,
          headlineWithheld: group?.reason ?? null,
        };
      }),
      totalTrained: toCount(counts.get('trained')),
      totalPaired: toCount(counts.get('paired')),
    };
  }

  /** Categories of a breakdown with labels; fixed ones are always listed (so a zero shows as 0). */
  private async categories(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
  ): Promise<{ key: string; label: string; fixed: boolean }[]> {
    const fixed = (entries: [string, string][]) =>
      entries.map(([key, label]) => ({ key, label, fixed: true }));
    switch (dimension) {
      case 'group':
        return fixed(Object.entries(GROUP_LABELS));
      case 'ethnicity':
        return fixed(Object.entries(WRES_LABELS));
      case 'disability':
        return fixed(Object.entries(DISABILITY_LABELS));
      case 'staff-group':
        return fixed([
          ...STAFF_GROUPS.map((group): [string, string] => [group, group]),
          ['not-known', 'Not known'],
        ]);
      case 'pay-band':
        return fixed([
          ...['2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'].map((band): [string, string] => [
            `band-${band}`,
            `Agenda for Change band ${band}`,
          ]),
          ...Object.entries(PAY_SCHEME_LABELS)
            .filter(([scheme]) => scheme !== 'agenda-for-change')
            .map(([scheme, label]): [string, string] => [scheme, label as string]),
          ['not-known', 'Not known'],
        ]);
      case 'system':
        return (await this.organisations.systems()).map((system) => ({
          key: system.id,
          label: system.name,
          fixed: false,
        }));
      case 'organisation':
        return [
          ...(
            await this.organisations.withDelegatesOn(
              scope.programmeId,
              scope.sponsorOrganisationId,
              scope.systemIds,
            )
          ).map((organisation) => ({ key: organisation.id, label: organisation.name, fixed: false })),
          { key: 'unknown', label: 'Not known', fixed: false },
        ];
      case 'cohort':
        return (await this.cohorts.ofProgramme(scope.programmeId)).map((cohort) => ({
          key: cohort.id,
          label: cohort.name,
          fixed: false,
        }));
    }
  }

  async funnel(scope: AnalyticsScope): Promise<FunnelReport> {
    const [systems, organisations] = await Promise.all([
      this.organisations.systems(),
      this.organisations.withDelegatesOn(scope.programmeId, scope.sponsorOrganisationId, scope.systemIds),
    ]);
    const stages = [...FUNNEL_STAGES];
    const expected = stages.map((stage) => `stage:${stage}`);
    const { counts, raw } = await this.counts(
      scope,
      // The Community of Practice stage counts activity in the view's financial years (the latest when undated).
      AnalyticsRepository.funnelCells(scope.programmeId, {
        from: scope.startFrom ? financialYear(scope.startFrom) : null,
        to: scope.startTo ? financialYear(scope.startTo) : null,
      }),
      expected,
    );
    const present = (prefix: string) => [
      ...new Set([...raw.keys()].filter((cell) => cell.startsWith(prefix)).map((cell) => cell.split(':')[1])),
    ];
    const systemKeys = present('system:');
    const organisationKeys = present('org:');
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
      ...this.disclosure(scope),
      stages,
      overall: stages.map((stage) => toCount(counts.get(`stage:${stage}`))),
      bySystem: systemKeys.map((key) =>
        row('system', key, systems.find((s) => s.id === key)?.name ?? 'Unknown system'),
      ),
      byOrganisation: organisationKeys.map((key) =>
        row('org', key, organisations.find((o) => o.id === key)?.name ?? 'Not known'),
      ),
    };
  }

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
      this.counts(scope, AnalyticsRepository.reachCells(), expected),
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
      ...this.disclosure(scope),
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

  async cumulative(scope: AnalyticsScope): Promise<CumulativeReport> {
    const rows = await this.repository.countCells(scope, AnalyticsRepository.cumulativeCells());
    const quarters = [...new Set(rows.map((row) => row.cell.split(':')[1]))].sort();
    // Cumulative cells: people certified up to the end of each quarter, by group and in total.
    const cumulativeRows = rows.flatMap((row) => {
      const [, quarter, group] = row.cell.split(':');
      return quarters
        .filter((q) => q >= quarter)
        .flatMap((q) => [
          { ...row, cell: `${q}:${group}` },
          { ...row, cell: `${q}:total` },
        ]);
    });
    const expected = quarters.flatMap((q) => [`${q}:home`, `${q}:scale-up`, `${q}:total`]);
    const { counts, raw } = viewCounts(scope, cumulativeRows, expected);
    if (!scope.personLevel) {
      for (const series of ['home', 'scale-up', 'total'])
        protectNestedChain(
          counts,
          [...quarters].reverse().map((q) => `${q}:${series}`),
          raw,
          scope.threshold,
        );
      protectLines(
        counts,
        quarters.map((q) => ({ parts: [`${q}:home`, `${q}:scale-up`], total: `${q}:total` })),
        raw,
      );
    }
    return {
      ...this.disclosure(scope),
      points: quarters.map((quarter) => ({
        month: quarter,
        home: toCount(counts.get(`${quarter}:home`)),
        scaleUp: toCount(counts.get(`${quarter}:scale-up`)),
        total: toCount(counts.get(`${quarter}:total`)),
      })),
    };
  }

  async responseRates(scope: AnalyticsScope): Promise<ResponseRateReport> {
    const cohorts = await this.cohorts.ofProgramme(scope.programmeId);
    const { counts, raw } = await this.counts(
      scope,
      AnalyticsRepository.responseRateCells(scope.programmeId),
      [],
    );
    const shownCohorts = cohorts.filter((cohort) => (raw.get(`cohort:${cohort.id}:pre-asked`) ?? 0) > 0);
    const rate = (part: ReturnType<typeof toCount>, whole: ReturnType<typeof toCount>) =>
      part.value !== null && whole.value ? part.value / whole.value : null;
    return {
      ...this.disclosure(scope),
      rows: shownCohorts.map((cohort) => {
        const preAsked = toCount(counts.get(`cohort:${cohort.id}:pre-asked`));
        const postAsked = toCount(counts.get(`cohort:${cohort.id}:post-asked`));
        const pre = toCount(counts.get(`cohort:${cohort.id}:pre`));
        const post = toCount(counts.get(`cohort:${cohort.id}:post`));
        // Each stage over its own asked: respondents are among the asked by construction (see asked()).
        return {
          cohortId: cohort.id,
          cohortName: cohort.name,
          startDate: cohort.startDate,
          preAsked,
          postAsked,
          pre,
          post,
          preRate: rate(pre, preAsked),
          postRate: rate(post, postAsked),
        };
      }),
    };
  }

  /**
   * Free-text answers. Leads see them all with the cohort; others only when at least the threshold of people
   * commented, without the cohort and with delegates' names and email addresses taken out.
   */
  async comments(scope: AnalyticsScope, stage: Stage): Promise<CommentsReport> {
    const { counts } = await this.counts(scope, AnalyticsRepository.commentCells(scope.programmeId, stage), [
      'comments',
    ]);
    const total = toCount(counts.get('comments'));
    if (!scope.personLevel && usable(scope, counts.get('comments')) === null)
      return { ...this.disclosure(scope), withheld: true, total, comments: [] };
    const comments = await this.repository.comments(scope, stage);
    const redact = scope.personLevel
      ? null
      : redactor(await this.repository.delegateNames(scope.programmeId));
    return {
      ...this.disclosure(scope),
      withheld: false,
      total,
      comments: comments.map((comment) => ({
        itemCode: comment.itemCode,
        stage,
        text: redact ? redact(comment.text) : comment.text,
        cohortName: scope.personLevel ? comment.cohortName : null,
      })),
    };
  }

  /** The programmes, and the systems, organisations and cohorts within the viewer's reach to filter by. */
  async filterOptions(user: AuthenticatedUser, programmeId?: string): Promise<AnalyticsFilterOptions> {
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

/** Replaces delegates' names (full, and first or last name of 3+ letters) and email addresses with "[name]". */
export function redactor(names: string[]): (text: string) => string {
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const words = new Set<string>();
  for (const name of names) {
    words.add(name.trim());
    for (const part of name.split(/\s+/)) if (part.length >= 3) words.add(part);
  }
  const sorted = [...words]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map(escape);
  const pattern = sorted.length ? new RegExp(`\\b(${sorted.join('|')})\\b`, 'gi') : null;
  return (text) => {
    const withoutEmails = text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]');
    return pattern ? withoutEmails.replace(pattern, '[name]') : withoutEmails;
  };
}

/** Certified people per 1,000 staff: null without a headcount, or when the count is withheld. */
function perThousand(trained: Count, headcount: number | null): number | null {
  return headcount && trained.value !== null && !trained.suppressed
    ? (trained.value / headcount) * 1000
    : null;
}
