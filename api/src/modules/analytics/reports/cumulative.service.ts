import { Injectable } from '@nestjs/common';
import { CumulativeReport } from '@upstand/contracts';
import { protectLines, protectNestedChain } from '@upstand/statistics';
import { AnalyticsScope } from '../analytics-scope';
import { disclosure, toCount, viewCounts } from '../view-counts';
import { CumulativeRepository } from './cumulative.repository';

/** People certified so far at the end of each quarter, home and scale-up. */
@Injectable()
export class CumulativeService {
  constructor(private readonly repository: CumulativeRepository) {}

  async cumulative(scope: AnalyticsScope): Promise<CumulativeReport> {
    const rows = await this.repository.counts(scope);
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
      ...disclosure(scope),
      points: quarters.map((quarter) => ({
        month: quarter,
        home: toCount(counts.get(`${quarter}:home`)),
        scaleUp: toCount(counts.get(`${quarter}:scale-up`)),
        total: toCount(counts.get(`${quarter}:total`)),
      })),
    };
  }
}
