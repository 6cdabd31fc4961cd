import { Injectable } from '@nestjs/common';
import {
  AnalyticsExportTable,
  AnalyticsFilters,
  BREAKDOWN_DIMENSION_LABELS,
  BreakdownDimension,
  Count,
  Disclosure,
  EVALUATION_STAGES,
  FUNNEL_STAGES,
  HEADLINE_ITEM_CODE,
  InstrumentItem,
  LIKERT_5_LABELS,
} from '@upstand/contracts';
import { once } from 'events';
import { Writable } from 'stream';
import { InvalidInputError } from '../../common/domain-errors';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { AnalyticsScope } from './analytics-scope';
import { MatchedExportRepository } from './reports/matched-export.repository';
import { AnalyticsService } from './analytics.service';
import {
  BREAKDOWN_COLUMNS,
  CUMULATIVE_COLUMNS,
  FUNNEL_COLUMNS,
  funnelStageColumn,
  ITEM_COLUMNS,
  MATCHED_CODEBOOK_COLUMNS,
  MATCHED_RESPONSE_COLUMNS,
  REACH_COLUMNS,
  RESPONSE_RATE_COLUMNS,
} from './export-columns';
import { Cell, exportRow, ExportTable, streamingWorkbook, WITHHELD } from '../../common/export-formats';

const count = (value: Count): Cell => (value.suppressed ? WITHHELD : value.value);
/**
 * A figure derived from counts (a mean, share, rate, statistic), written in full: `withheld` when the group it
 * describes is withheld, blank when it does not apply (e.g. no confidence interval for one pair).
 */
const figure = (value: number | null | undefined, withheld = false): Cell =>
  withheld ? WITHHELD : value === null || value === undefined || !Number.isFinite(value) ? null : value;

/** One breakdown category's headline change: its base and figures, or withheld as a whole. */
interface HeadlineGroup {
  n: number | null;
  change: number | null;
  improved: number | null;
  withheld: boolean;
}

export function disclosureNotes(disclosure: Disclosure, filters: AnalyticsFilters): string[] {
  const applied = Object.entries(filters)
    .filter(([key, value]) => key !== 'programmeId' && value)
    .map(([key, value]) => `${key}=${String(value)}`);
  return [
    `Generated ${new Date().toISOString()} by Upstand.`,
    `Filters: ${applied.length ? applied.join(', ') : 'none'}; cohorts starting ${disclosure.startFrom ?? 'any time'} to ${disclosure.startTo ?? 'any time'}.`,
    disclosure.suppressionApplied
      ? `Survey results are shown whole for groups of ${disclosure.threshold} or more respondents and withheld whole for smaller groups; counts of 1 to ${disclosure.threshold - 1} people are withheld ("${WITHHELD}"), and so are figures that would let a withheld one be worked out (see docs/disclosure-policy.md).`
      : 'Person-level view for the programme team: nothing is withheld. Do not share beyond the programme team.',
  ];
}

type Stage = 'pre' | 'post' | 'follow-up';
interface TableOptions {
  from: Stage;
  to: Stage;
  dimension?: BreakdownDimension;
}

/** The dashboard's tables as rows for CSV and XLSX, the matched-ID export and (via the board report) the PDF. */
@Injectable()
export class AnalyticsExportService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly repository: MatchedExportRepository,
    private readonly evaluations: EvaluationsService,
    private readonly programmes: ProgrammesService,
  ) {}

  /** What a table needs beyond the filters, checked before any work so bad input is a 400 first. */
  checkTableOptions(table: AnalyticsExportTable, options: TableOptions): void {
    if (table === 'items') this.analytics.assertDifferentStages(options.from, options.to);
    if (table === 'breakdown' && !options.dimension)
      throw InvalidInputError.field('dimension', 'Choose a breakdown dimension');
  }

  async table(
    scope: AnalyticsScope,
    table: AnalyticsExportTable,
    options: TableOptions,
  ): Promise<ExportTable> {
    this.checkTableOptions(table, options);
    const filters = scope.filters;
    switch (table) {
      case 'items': {
        const report = await this.analytics.items(scope, options.from, options.to);
        return {
          title: `Items ${report.from} to ${report.to}`,
          columns: ITEM_COLUMNS,
          rows: report.items.map((item) => {
            const hidden = item.withheld;
            const share = (shares: (number | null)[] | null, level: number): Cell =>
              // a level missing from a published distribution was withheld on its own
              shares ? figure(shares[level - 1], hidden || shares[level - 1] === null) : figure(null, hidden);
            const changed = (value: number | null | undefined): Cell =>
              item.mcnemar ? figure(value, hidden || value === null) : figure(null, hidden);
            return exportRow(ITEM_COLUMNS, {
              from_stage: report.from,
              to_stage: report.to,
              item_code: item.itemCode,
              item_wording: item.wording,
              item_type: item.type,
              construct: item.construct,
              n_from: count(item.nFrom),
              n_to: count(item.nTo),
              n_paired: count(item.nPaired),
              response_rate: figure(item.responseRate, item.nTo.suppressed),
              mean_from: figure(item.meanFrom, hidden),
              mean_to: figure(item.meanTo, hidden),
              median_from: figure(item.medianFrom, hidden),
              median_to: figure(item.medianTo, hidden),
              mean_change: figure(item.meanChange, hidden),
              ci95_lower: figure(item.ci95?.[0], hidden),
              ci95_upper: figure(item.ci95?.[1], hidden),
              improved_share: figure(item.improvedShare, hidden),
              same_share: figure(item.sameShare, hidden),
              worse_share: figure(item.worseShare, hidden),
              wilcoxon_w_plus: figure(item.wilcoxon?.statistic, hidden),
              wilcoxon_z: figure(item.wilcoxon?.z, hidden),
              wilcoxon_p: figure(item.wilcoxon?.pValue, hidden),
              wilcoxon_p_holm: figure(item.wilcoxon?.pValueHolm, hidden),
              wilcoxon_method: hidden ? WITHHELD : (item.wilcoxon?.method ?? null),
              effect_size_r: figure(item.effectSizeR, hidden),
              mcnemar_became_yes: changed(item.mcnemar?.becameYes),
              mcnemar_became_no: changed(item.mcnemar?.becameNo),
              mcnemar_p: figure(item.mcnemar?.pValue, hidden),
              mcnemar_method: hidden ? WITHHELD : (item.mcnemar?.method ?? null),
              from_share_1: share(item.distributionFrom, 1),
              from_share_2: share(item.distributionFrom, 2),
              from_share_3: share(item.distributionFrom, 3),
              from_share_4: share(item.distributionFrom, 4),
              from_share_5: share(item.distributionFrom, 5),
              to_share_1: share(item.distributionTo, 1),
              to_share_2: share(item.distributionTo, 2),
              to_share_3: share(item.distributionTo, 3),
              to_share_4: share(item.distributionTo, 4),
              to_share_5: share(item.distributionTo, 5),
            });
          }),
          notes: disclosureNotes(report, filters),
        };
      }
      case 'breakdown': {
        // checkTableOptions above has made sure a dimension was given
        const dimension = options.dimension as BreakdownDimension;
        const [breakdown, headlineItem] = await Promise.all([
          this.analytics.breakdown(scope, dimension, 'all'),
          this.headlineItem(filters.programmeId),
        ]);
        // The headline change is a group of its own (its base `headline_n`), withheld by the policy as a whole.
        const row = (category: string, trained: Count, paired: Count, headline: HeadlineGroup | null) =>
          exportRow(BREAKDOWN_COLUMNS, {
            dimension: breakdown.dimension,
            category,
            trained: count(trained),
            paired: count(paired),
            item_code: HEADLINE_ITEM_CODE,
            item_wording: headlineItem?.wording ?? null,
            headline_n: headline ? figure(headline.n, headline.withheld) : null,
            mean_change: headline ? figure(headline.change, headline.withheld) : null,
            improved_share: headline ? figure(headline.improved, headline.withheld) : null,
          });
        return {
          title: `By ${BREAKDOWN_DIMENSION_LABELS[breakdown.dimension]}`,
          columns: BREAKDOWN_COLUMNS,
          rows: [
            ...breakdown.rows.items.map((category) =>
              row(category.label, category.trained, category.paired, {
                n: category.headlineN,
                change: category.headlineMeanChange,
                improved: category.headlineImprovedShare,
                withheld: category.headlineWithheld !== null,
              }),
            ),
            row('Total', breakdown.totalTrained, breakdown.totalPaired, null),
          ],
          notes: disclosureNotes(breakdown, filters),
        };
      }
      case 'funnel': {
        const funnel = await this.analytics.funnel(scope);
        const row = (level: string, name: string, counts: Count[]) =>
          exportRow(FUNNEL_COLUMNS, {
            level,
            name,
            ...Object.fromEntries(
              FUNNEL_STAGES.map((stage) => {
                const at = funnel.stages.indexOf(stage);
                return [funnelStageColumn(stage), at >= 0 && counts[at] ? count(counts[at]) : null];
              }),
            ),
          });
        return {
          title: 'Funnel',
          columns: FUNNEL_COLUMNS,
          rows: [
            row('Overall', 'All', funnel.overall),
            ...funnel.bySystem.map((system) => row('System', system.label, system.counts)),
            ...funnel.byOrganisation.map((organisation) =>
              row('Organisation', organisation.label, organisation.counts),
            ),
          ],
          notes: disclosureNotes(funnel, filters),
        };
      }
      case 'reach': {
        const reach = await this.analytics.reach(scope);
        return {
          title: 'Reach',
          columns: REACH_COLUMNS,
          // System totals first, then each organisation: a Board paper reads the systems, an analyst the rows.
          rows: [
            ...reach.systems.map((row) =>
              exportRow(REACH_COLUMNS, {
                level: 'system',
                ods_code: row.odsCode,
                name: row.name,
                trained: count(row.trained),
                headcount: row.headcount,
                headcount_as_of: row.headcountAsOf,
                organisations_with_headcount: row.organisationsWithHeadcount,
                organisations: row.organisations,
                per_thousand_staff: figure(row.perThousandStaff, row.trained.suppressed),
              }),
            ),
            ...reach.rows.map((row) =>
              exportRow(REACH_COLUMNS, {
                level: 'organisation',
                ods_code: row.odsCode,
                name: row.name,
                trained: count(row.trained),
                headcount: row.headcount,
                headcount_as_of: row.headcountAsOf,
                organisations_with_headcount: null,
                organisations: null,
                per_thousand_staff: figure(row.perThousandStaff, row.trained.suppressed),
              }),
            ),
          ],
          notes: disclosureNotes(reach, filters),
        };
      }
      case 'cumulative': {
        const cumulative = await this.analytics.cumulative(scope);
        return {
          title: 'Cumulative trained',
          columns: CUMULATIVE_COLUMNS,
          rows: cumulative.points.map((point) =>
            exportRow(CUMULATIVE_COLUMNS, {
              quarter: point.month,
              home: count(point.home),
              scale_up: count(point.scaleUp),
              total: count(point.total),
            }),
          ),
          notes: disclosureNotes(cumulative, filters),
        };
      }
      case 'response-rates': {
        const rates = await this.analytics.responseRates(scope, 'all');
        return {
          title: 'Response rates',
          columns: RESPONSE_RATE_COLUMNS,
          rows: rates.cohorts.items.map((row) =>
            exportRow(RESPONSE_RATE_COLUMNS, {
              cohort: row.cohortName,
              start_date: row.startDate,
              pre_asked: count(row.preAsked),
              pre_responses: count(row.pre),
              pre_rate: figure(row.preRate, row.pre.suppressed || row.preAsked.suppressed),
              post_asked: count(row.postAsked),
              post_responses: count(row.post),
              post_rate: figure(row.postRate, row.post.suppressed || row.postAsked.suppressed),
            }),
          ),
          notes: disclosureNotes(rates, filters),
        };
      }
    }
  }

  /** The headline item as the current questionnaire words it, to stand beside its code in the breakdown. */
  private async headlineItem(programmeId: string): Promise<InstrumentItem | undefined> {
    const instrument = await this.evaluations.instrument(programmeId, 'pre');
    return instrument.items.find((item) => item.code === HEADLINE_ITEM_CODE);
  }

  async assertProgramme(programmeId: string): Promise<void> {
    if (!(await this.programmes.exists(programmeId)))
      throw InvalidInputError.field('programmeId', 'Unknown programme');
  }

  /**
   * For leads: one row per respondent with pre, post and follow-up answers side by side, and a codebook sheet;
   * only the respondents of `systemIds` (null = every system).
   * Streamed from the database into the workbook, so memory stays flat however many respondents there are.
   */
  async matchedExport(
    programmeId: string,
    systemIds: string[] | null,
    output: Writable,
  ): Promise<{ rows: number }> {
    await this.assertProgramme(programmeId);
    const stages = EVALUATION_STAGES.filter((stage) => stage !== 'session-feedback');
    const instruments = await Promise.all(
      stages.map((stage) => this.evaluations.instrument(programmeId, stage)),
    );
    const columns = stages.flatMap((stage, i) =>
      (instruments[i]?.items ?? []).map((item) => ({ key: `${stage}.${item.code}`, stage, item })),
    );
    const workbook = streamingWorkbook(output);
    const sheet = workbook.addWorksheet('Responses');
    sheet.addRow([...MATCHED_RESPONSE_COLUMNS, ...columns.map((column) => column.key)]).commit();
    const { rows, release } = await this.repository.streamMatchedResponses(programmeId, systemIds);
    let written = 0;
    try {
      for await (const row of rows) {
        sheet
          .addRow([
            `R${String(row.respondent).padStart(6, '0')}`,
            row.cohort,
            row.odsCode ?? '',
            ...columns.map(({ key, item }) => {
              const value = row.answers[key];
              if (value === undefined || value === null) return '';
              return item.type === 'single-choice' || item.type === 'free-text' ? value : Number(value);
            }),
          ])
          .commit();
        written++;
        // Wait for the client to take what has been written, so a slow download never piles rows up in memory.
        if (written % 200 === 0) {
          await new Promise((resolve) => setImmediate(resolve));
          if (output.writableNeedDrain) await once(output, 'drain');
        }
      }
    } finally {
      await release();
    }
    sheet.commit();
    const codebook = workbook.addWorksheet('Codebook');
    codebook.addRow([...MATCHED_CODEBOOK_COLUMNS]).commit();
    codebook
      .addRow([
        'respondent',
        '',
        '',
        'Respondent number (this export only; not a person identifier)',
        'text',
        '',
        '',
      ])
      .commit();
    codebook.addRow(['cohort', '', '', 'Cohort of the most recent response', 'text', '', '']).commit();
    codebook
      .addRow([
        'organisation_ods',
        '',
        '',
        'ODS code of the delegate’s organisation (blank in anonymous mode)',
        'text',
        '',
        '',
      ])
      .commit();
    for (const { key, stage, item } of columns)
      codebook
        .addRow([key, stage, item.code, item.wording, item.type, item.construct ?? '', valueLabels(item)])
        .commit();
    codebook.commit();
    await workbook.commit();
    return { rows: written };
  }
}

function valueLabels(item: InstrumentItem): string {
  switch (item.type) {
    case 'likert-5':
      return LIKERT_5_LABELS.map((label, i) => `${i + 1} = ${label}`).join('; ');
    case 'scale-0-10':
      return '0 = not at all … 10 = completely';
    case 'yes-no':
      return '1 = yes; 0 = no';
    case 'single-choice':
      return (item.options ?? []).join('; ');
    case 'free-text':
      return 'free text';
  }
}
