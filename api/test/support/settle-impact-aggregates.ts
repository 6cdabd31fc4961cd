import { INestApplication } from '@nestjs/common';
import { ImpactAggregatesService } from '../../src/modules/analytics/aggregates/impact-aggregates.service';

/**
 * Waits until the Impact aggregates have taken in every write made so far, so a comparison with the reference
 * computation reads settled figures: records opened questionnaires (as the every-minute job does) and applies the
 * whole change log. The reference app has no aggregates and nothing to settle.
 */
export async function settleImpactAggregates(app: INestApplication): Promise<void> {
  let service: ImpactAggregatesService;
  try {
    service = app.get(ImpactAggregatesService);
  } catch {
    return;
  }
  await service.recordWindows();
  await service.drain();
}
