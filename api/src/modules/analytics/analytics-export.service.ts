import { Injectable } from '@nestjs/common';
import {
  AnalyticsExportTable,
  AnalyticsFilters,
  BREAKDOWN_DIMENSION_LABELS,
  BreakdownDimension,
  Count,
  Disclosure,
  EVALUATION_STAGES,
  FUNNEL_STAGE_LABELS,
  InstrumentItem,
  LIKERT_5_LABELS,
} from '@upstand/contracts';
import { once } from 'events';
import { Writable } from 'stream';
import { InvalidInputError } from '../../common/domain-errors';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { AnalyticsScope } from './analytics-scope';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { Cell, ExportTable, streamingWorkbook } from './export-formats';

const WITHHELD = 'withheld';
const count = (value: Count): Cell => (value.suppressed ? WITHHELD : value.value);
const round = (value: number | null | undefined, digits = 3): Cell =>
  value === null || value === undefined ? null : Number(value.toFixed(digits));
const percent = (value: number | null | undefined): Cell =>
  value === null || value === undefined ? null : Number((value * 100).toFixed(1));

export function disclosureNotes(disclosure: Disclosure, filters: AnalyticsFilters): string[] {
  const applied = Object.entries(filters)
    .filter(([key, value]) => key !== 'programmeId' && value)
    .map(([key, value]) => `${key}=${String(value)}`);
  return [
    `Generated ${new Date().toISOString()} by Upstand.`,
    `Filters: ${applied.length ? applied.join(', ') : 'none'}; cohorts starting ${disclosure.startFrom ?? 'any time'} to ${disclosure.startTo ?? 'any time'}.`,
    disclosure.suppressionApplied
      ? `Counts of 1 to ${disclosure.threshold - 1} people are withheld ("${WITHHELD}"), and so are figures that would let a withheld count be worked out.`
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
    private readonly repository: AnalyticsRepository,
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
          columns: [
            'Item code',
            'Wording',
            `n ${report.from}`,
            `n ${report.to}`,
            'n paired',
            `Mean ${report.from}`,
            `Mean ${report.to}`,
            'Mean change',
            '95% CI lower',
            '95% CI upper',
            'Improved %',
            'Same %',
            'Worse %',
            'Wilcoxon W+',
            'Wilcoxon p',
            'Holm-adjusted p',
            'Effect size r',
          ],
          rows: report.items.map((item) => [
            item.itemCode,
            item.wording,
            count(item.nFrom),
            count(item.nTo),
            count(item.nPaired),
            round(item.meanFrom),
            round(item.meanTo),
            round(item.meanChange),
            round(item.ci95?.[0]),
            round(item.ci95?.[1]),
            percent(item.improvedShare),
            percent(item.sameShare),
            percent(item.worseShare),
            round(item.wilcoxon?.statistic, 1),
            round(item.wilcoxon?.pValue, 6),
            round(item.wilcoxon?.pValueHolm, 6),
            round(item.effectSizeR),
          ]),
          notes: disclosureNotes(report, filters),
        };
      }
      case 'breakdown': {
        // checkTableOptions above has made sure a dimension was given
        const breakdown = await this.analytics.breakdown(scope, options.dimension as BreakdownDimension);
        return {
          title: `By ${BREAKDOWN_DIMENSION_LABELS[breakdown.dimension]}`,
          columns: ['Category', 'Trained', 'Paired pre/post', 'Headline mean change', 'Headline improved %'],
          rows: [
            ...breakdown.rows.map((row) => [
              row.label,
              count(row.trained),
              count(row.paired),
              round(row.headlineMeanChange),
              percent(row.headlineImprovedShare),
            ]),
            ['Total', count(breakdown.totalTrained), count(breakdown.totalPaired), null, null],
          ],
          notes: disclosureNotes(breakdown, filters),
        };
      }
      case 'funnel': {
        const funnel = await this.analytics.funnel(scope);
        return {
          title: 'Funnel',
          columns: ['Level', 'Name', ...funnel.stages.map((stage) => FUNNEL_STAGE_LABELS[stage])],
          rows: [
            ['Overall', 'All', ...funnel.overall.map(count)],
            ...funnel.bySystem.map((row) => ['System', row.label, ...row.counts.map(count)]),
            ...funnel.byOrganisation.map((row) => ['Organisation', row.label, ...row.counts.map(count)]),
          ],
          notes: disclosureNotes(funnel, filters),
        };
      }
      case 'reach': {
        const reach = await this.analytics.reach(scope);
        return {
          title: 'Reach',
          columns: ['ODS code', 'Organisation', 'Trained', 'Headcount', 'Trained per 1,000 staff'],
          rows: reach.rows.map((row) => [
            row.odsCode,
            row.name,
            count(row.trained),
            row.headcount,
            round(row.perThousandStaff, 1),
          ]),
          notes: disclosureNotes(reach, filters),
        };
      }
      case 'cumulative': {
        const cumulative = await this.analytics.cumulative(scope);
        return {
          title: 'Cumulative trained',
          columns: ['Quarter', 'Home system', 'Midlands scale-up', 'Total'],
          rows: cumulative.points.map((point) => [
            point.month,
            count(point.home),
            count(point.scaleUp),
            count(point.total),
          ]),
          notes: disclosureNotes(cumulative, filters),
        };
      }
      case 'response-rates': {
        const rates = await this.analytics.responseRates(scope);
        return {
          title: 'Response rates',
          columns: ['Cohort', 'Start date', 'Invited', 'Pre responses', 'Post responses', 'Pre %', 'Post %'],
          rows: rates.rows.map((row) => [
            row.cohortName,
            row.startDate,
            count(row.invited),
            count(row.pre),
            count(row.post),
            percent(row.preRate),
            percent(row.postRate),
          ]),
          notes: disclosureNotes(rates, filters),
        };
      }
    }
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
    sheet
      .addRow(['respondent', 'cohort', 'organisation_ods', ...columns.map((column) => column.key)])
      .commit();
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
    codebook.addRow(['column', 'stage', 'item_code', 'wording', 'type', 'construct', 'values']).commit();
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
