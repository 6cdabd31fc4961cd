import { Injectable } from '@nestjs/common';
import { InstrumentItem, ItemAnalyticsReport } from '@upstand/contracts';
import { holmAdjust } from '@upstand/statistics';
import { InvalidInputError } from '../../../common/domain-errors';
import { EvaluationsService } from '../../evaluations/evaluations.service';
import { AnalyticsScope } from '../analytics-scope';
import { disclosure, viewCounts, viewGroups, viewRaw } from '../view-counts';
import { constructMembers, constructs as constructAnalytics, finite, itemAnalytics } from './item-statistics';
import { ItemsRepository, JointRow } from './items.repository';

export type Stage = 'pre' | 'post' | 'follow-up';
const NUMERIC_TYPES = new Set(['likert-5', 'scale-0-10', 'yes-no']);

/** Each item's (and construct's) change from one stage to another, with its statistics. */
@Injectable()
export class ItemsService {
  constructor(
    private readonly repository: ItemsRepository,
    private readonly evaluations: EvaluationsService,
  ) {}

  /** Checked before the scope is resolved, so a request with the same stage twice is a 400 whatever else is wrong. */
  assertDifferentStages(from: Stage, to: Stage): void {
    if (from === to) throw InvalidInputError.field('to', 'from and to must be different stages');
  }

  async items(scope: AnalyticsScope, from: Stage, to: Stage): Promise<ItemAnalyticsReport> {
    this.assertDifferentStages(from, to);
    return this.itemReport(scope, from, to);
  }

  /** The report, or (for the overview's headline) only the items named in `onlyCodes`, without constructs. */
  async itemReport(
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
    const members = onlyCodes ? [] : constructMembers(items);
    const [pairRows, stageRows, constructPairRows] = await Promise.all([
      this.repository.pairedAnswers(
        scope,
        from,
        to,
        items.map((item) => item.code),
      ),
      this.repository.stageResponses(scope, from, to),
      members.length
        ? this.repository.constructPairs(
            scope,
            from,
            to,
            members.map((item) => ({ code: item.code, construct: item.construct as string })),
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
      itemAnalytics(
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

    const constructs = constructAnalytics(items, groups, await constructRows);
    return { ...disclosure(scope), from, to, items: analysed, constructs };
  }

  private constructRows(scope: AnalyticsScope, from: Stage, to: Stage, items: InstrumentItem[]) {
    return this.repository.constructScores(
      scope,
      from,
      to,
      constructMembers(items).map((item) => ({
        code: item.code,
        construct: item.construct as string,
        scale: item.type === 'scale-0-10' ? 0.4 : 1,
        offset: item.type === 'scale-0-10' ? 1 : 0,
      })),
    );
  }
}
