import { AnalyticsExportTable, FUNNEL_STAGES } from '@upstand/contracts';
import { ExportColumn } from '../../common/export-formats';

const column = <N extends string>(name: N, format: ExportColumn['format']) => ({ name, format }) as const;

const LIKERT_LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * The columns of each Impact table export, in order. The README's "Impact exports" section describes every one
 * (a unit test holds the two together).
 */
export const ITEM_COLUMNS = [
  column('from_stage', 'text'),
  column('to_stage', 'text'),
  column('item_code', 'text'),
  column('item_wording', 'text'),
  column('item_type', 'text'),
  column('construct', 'text'),
  column('n_from', 'count'),
  column('n_to', 'count'),
  column('n_paired', 'count'),
  column('response_rate', 'share'),
  column('mean_from', 'decimal'),
  column('mean_to', 'decimal'),
  column('median_from', 'decimal'),
  column('median_to', 'decimal'),
  column('mean_change', 'decimal'),
  column('ci95_lower', 'decimal'),
  column('ci95_upper', 'decimal'),
  column('improved_share', 'share'),
  column('same_share', 'share'),
  column('worse_share', 'share'),
  column('wilcoxon_w_plus', 'decimal'),
  column('wilcoxon_z', 'decimal'),
  column('wilcoxon_p', 'p-value'),
  column('wilcoxon_p_holm', 'p-value'),
  column('wilcoxon_method', 'text'),
  column('effect_size_r', 'decimal'),
  column('mcnemar_became_yes', 'count'),
  column('mcnemar_became_no', 'count'),
  column('mcnemar_p', 'p-value'),
  column('mcnemar_method', 'text'),
  ...LIKERT_LEVELS.map((level) => column(`from_share_${level}` as const, 'share')),
  ...LIKERT_LEVELS.map((level) => column(`to_share_${level}` as const, 'share')),
] as const;

export const BREAKDOWN_COLUMNS = [
  column('dimension', 'text'),
  column('category', 'text'),
  column('trained', 'count'),
  column('paired', 'count'),
  column('item_code', 'text'),
  column('item_wording', 'text'),
  column('headline_n', 'count'),
  column('mean_change', 'decimal'),
  column('improved_share', 'share'),
] as const;

/** `signed-up` → `signed_up`: one count column per funnel stage, in the funnel's order. */
export const funnelStageColumn = (stage: (typeof FUNNEL_STAGES)[number]) => stage.replace(/-/g, '_');

export const FUNNEL_COLUMNS = [
  column('level', 'text'),
  column('name', 'text'),
  ...FUNNEL_STAGES.map((stage) => column(funnelStageColumn(stage), 'count')),
] as const;

export const REACH_COLUMNS = [
  column('level', 'text'),
  column('ods_code', 'text'),
  column('name', 'text'),
  column('trained', 'count'),
  column('headcount', 'count'),
  column('headcount_as_of', 'date'),
  column('organisations_with_headcount', 'count'),
  column('organisations', 'count'),
  column('per_thousand_staff', 'decimal'),
] as const;

export const CUMULATIVE_COLUMNS = [
  column('quarter', 'text'),
  column('home', 'count'),
  column('scale_up', 'count'),
  column('total', 'count'),
] as const;

export const RESPONSE_RATE_COLUMNS = [
  column('cohort', 'text'),
  column('start_date', 'date'),
  column('pre_asked', 'count'),
  column('pre_responses', 'count'),
  column('pre_rate', 'share'),
  column('post_asked', 'count'),
  column('post_responses', 'count'),
  column('post_rate', 'share'),
] as const;

export const EXPORT_COLUMNS: Record<AnalyticsExportTable, readonly ExportColumn[]> = {
  items: ITEM_COLUMNS,
  breakdown: BREAKDOWN_COLUMNS,
  funnel: FUNNEL_COLUMNS,
  reach: REACH_COLUMNS,
  cumulative: CUMULATIVE_COLUMNS,
  'response-rates': RESPONSE_RATE_COLUMNS,
};

/** The matched export: the Responses sheet's fixed columns (then one per `<stage>.<item_code>`), and the Codebook's. */
export const MATCHED_RESPONSE_COLUMNS = ['respondent', 'cohort', 'organisation_ods'] as const;
export const MATCHED_CODEBOOK_COLUMNS = [
  'column',
  'stage',
  'item_code',
  'item_wording',
  'type',
  'construct',
  'values',
] as const;
