import {
  Line,
  protectLines,
  protectNestedChain,
  protectView,
  ProtectedCount,
  resolveThreshold,
  ViewProtectionInput,
} from './view-protection';

/**
 * The disclosure policy (docs/disclosure-policy.md), in one place. Everything published to a viewer without
 * person-level access goes through one of two rules:
 *
 * - Survey results (distributions, means, medians, change, confidence intervals, improved/same/worse shares, test
 *   statistics, p-values, McNemar counts, construct scores, response rates) describe a *group*: the people one
 *   statistic is based on in one view (paired respondents for paired statistics, one stage's respondents for
 *   single-stage figures, respondents for a response rate). A group is published whole or withheld whole —
 *   `protectGroups` and `protectGroupPartitions` decide which; `shares` gives a published group's distribution,
 *   which always adds up to 1 (no cell inside a published group is withheld).
 * - Counts of people by characteristic, organisation, system or cohort keep cell and secondary suppression
 *   (`protectView`, `protectLines`, `suppress`). Funnel stages at whole-programme and system level are operational
 *   counts: `protectFunnel` chains only the rows of small units (organisations, cohorts).
 *
 * The threshold T defaults to 10 and may never be set below 5 (`resolveThreshold`).
 */

export type GroupWithheldReason = 'small' | 'overlap';

export interface GroupDecision {
  /** The group's base: how many people the statistics describe (published beside them when published). */
  base: number;
  published: boolean;
  /** Why it was withheld: fewer than T people, or it could be worked out from another view or a sibling. */
  reason: GroupWithheldReason | null;
}

const PUBLISHED = (base: number): GroupDecision => ({ base, published: true, reason: null });

function decide(base: number, cell: ProtectedCount | undefined): GroupDecision {
  if (!cell?.suppressed) return PUBLISHED(base);
  return { base, published: false, reason: cell.reason === 'small' ? 'small' : 'overlap' };
}

/**
 * Decides each group of a view from its base. A group is withheld:
 * - `small` when its base is 1 … T − 1;
 * - `overlap` when a wider view the same viewer can request has the same group's base larger by 1 … T − 1
 *   (the wider group's figures minus this one's would describe those few people), or when this group is a part of
 *   a partition (its siblings given in `siblingSets`) and would have to be withheld so that a small sibling cannot
 *   be worked out from the total.
 * A base of 0 is published (there is nothing to describe, and nobody to identify).
 * Keys are the groups' names; `view`, `wider` and `siblingSets` hold bases under those names.
 */
export function protectGroups(input: ViewProtectionInput): Map<string, GroupDecision> {
  // The same three tests as for a count of people, applied to the base: what differs is what follows from the
  // decision (every figure of the group is published or none is), not how the base is tested.
  const cells = protectView(input);
  return new Map([...input.view].map(([key, base]) => [key, decide(base, cells.get(key))]));
}

/** Every group published (for viewers with person-level access). */
export function unprotectedGroups(view: ReadonlyMap<string, number>): Map<string, GroupDecision> {
  return new Map([...view].map(([key, base]) => [key, PUBLISHED(base)]));
}

/**
 * Groups that partition a larger group published elsewhere (e.g. the headline item by ethnic group, whose total
 * is the view's headline item): a mean or a share is a sum divided by its base, so a single withheld part could be
 * worked out from the total and the other parts. Where exactly one part of a line is withheld, the next smallest
 * is withheld too (reason `overlap`), as for counts. Mutates `groups`.
 */
export function protectGroupPartitions(groups: Map<string, GroupDecision>, lines: readonly Line[]): void {
  const cells = new Map<string, ProtectedCount>();
  const bases = new Map<string, number>();
  for (const [key, group] of groups) {
    bases.set(key, group.base);
    cells.set(
      key,
      group.published
        ? { value: group.base, suppressed: false }
        : { value: null, suppressed: true, reason: group.reason ?? 'small' },
    );
  }
  protectLines(
    cells,
    lines.map((line) => ({ ...line, publishedTotal: true })),
    bases,
  );
  for (const [key, cell] of cells) {
    const group = groups.get(key);
    if (group && group.published && cell.suppressed)
      groups.set(key, { base: group.base, published: false, reason: 'overlap' });
  }
}

/**
 * A published group's distribution: each category's share of the people counted, whole — no category is withheld,
 * however few people it holds, so the shares add up to 1. (Withholding a category would not protect anyone the
 * group rule has not already protected, and would make the chart lie about the group.) Empty groups have no shares.
 */
export function shares(counts: readonly number[]): number[] | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  return counts.map((n) => n / total);
}

export interface FunnelProtection {
  /**
   * Additive lines (e.g. a stage by system adds up to the stage): secondary suppression of counts of people.
   */
  lines: readonly Line[];
  /**
   * Rows of small units (organisations, cohorts), each its stages in order: a drop of 1 … T − 1 between two stages
   * there is a small group identified by who they are (e.g. "the 3 from this ward who did not finish"), so the
   * nested-chain rule applies. Whole-programme and system rows are not listed: a difference between two of their
   * stages is an operational count, and their stages are published as they are.
   */
  chainedRows: readonly (readonly string[])[];
  /**
   * Counts in those rows that another report publishes as counts of people (certified people by organisation, on
   * reach and the breakdowns): kept, with their neighbours withheld instead, so the two reports agree.
   */
  anchors?: ReadonlySet<string>;
  threshold?: number;
}

/** Applies the funnel's rules to counts already protected by `protectView`. Mutates `counts`. */
export function protectFunnel(
  counts: Map<string, ProtectedCount>,
  raw: ReadonlyMap<string, number>,
  protection: FunnelProtection,
): void {
  const threshold = resolveThreshold(protection.threshold);
  for (const row of protection.chainedRows)
    protectNestedChain(counts, row, raw, threshold, protection.anchors);
  protectLines(counts, protection.lines, raw);
}
