import { Injectable } from '@nestjs/common';
import { AnalyticsOverview, HEADLINE_ITEM_CODE } from '@upstand/contracts';
import { protectLines } from '@upstand/statistics';
import { AnalyticsScope } from '../analytics-scope';
import { disclosure, toCount, viewCounts } from '../view-counts';
import { ItemsService } from './items.service';
import { OverviewRepository } from './overview.repository';

/** The headline figures: people trained (home and scale-up), paired pre and post, and the headline item. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly repository: OverviewRepository,
    private readonly items: ItemsService,
  ) {}

  async overview(scope: AnalyticsScope): Promise<AnalyticsOverview> {
    const { counts, raw } = viewCounts(scope, await this.repository.counts(scope), [
      'trained',
      'trained:home',
      'trained:scale-up',
      'paired',
    ]);
    if (!scope.personLevel)
      protectLines(counts, [{ parts: ['trained:home', 'trained:scale-up'], total: 'trained' }], raw);
    const trained = toCount(counts.get('trained'));
    const scaleUp = toCount(counts.get('trained:scale-up'));
    const items = await this.items.itemReport(scope, 'pre', 'post', [HEADLINE_ITEM_CODE]);
    return {
      ...disclosure(scope),
      trained,
      trainedHome: toCount(counts.get('trained:home')),
      trainedScaleUp: scaleUp,
      scaleUpShare:
        trained.value && scaleUp.value !== null && !trained.suppressed ? scaleUp.value / trained.value : null,
      pairedPrePost: toCount(counts.get('paired')),
      headline: items.items.find((item) => item.itemCode === HEADLINE_ITEM_CODE) ?? null,
    };
  }
}
