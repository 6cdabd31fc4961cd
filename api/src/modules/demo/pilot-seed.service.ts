import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { buildPilotPlan, JourneyStage, PilotSummary, summarisePilot } from './pilot-seed';
import { PilotSeedRepository } from './pilot-seed.repository';
import { SeedRepository } from './seed.repository';

const STAGES: JourneyStage[] = ['pre', 'post', 'follow-up'];

/**
 * Puts the synthetic LLR pilot (2022–2024) into development databases, once, so the impact pages have
 * something realistic to show. Never in production; not in tests unless they start the app as development.
 */
@Injectable()
export class PilotSeedService {
  private readonly logger = new Logger(PilotSeedService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly seedRepository: SeedRepository,
    private readonly repository: PilotSeedRepository,
    private readonly evaluations: EvaluationsService,
  ) {}

  /** Seeds the pilot unless it is there already; returns what was seeded, or null. */
  async seedIfMissing(programmeName: string): Promise<PilotSummary | null> {
    if (this.config.env !== 'development') return null;
    if (await this.repository.isSeeded()) return null;
    const programme = await this.repository.programme(programmeName);
    if (!programme) return null;
    const started = Date.now();
    // The current questionnaires (publishing the defaults if the programme has none yet)
    const instruments = await Promise.all(
      STAGES.map((stage) => this.evaluations.instrument(programme.programmeId, stage)),
    );
    const plan = buildPilotPlan({
      instruments: Object.fromEntries(instruments.map((instrument) => [instrument.stage, instrument.items])),
    });
    const seeded = await this.seedRepository.withSeedLock(async (manager) => {
      if (await this.repository.isSeeded(manager)) return false;
      await this.repository.insert(
        plan,
        {
          ...programme,
          instrumentIds: Object.fromEntries(
            instruments.map((instrument) => [instrument.stage, instrument.id]),
          ) as Record<JourneyStage, string>,
        },
        manager,
      );
      return true;
    });
    if (!seeded) return null;
    const summary = summarisePilot(plan);
    this.logger.log(
      `Seeded SYNTHETIC pilot data (not real people): ${summary.cohorts} cohorts, ${summary.delegates} delegates, ` +
        `${summary.certified} certified (${summary.certifiedScaleUp} from scale-up systems), ` +
        `${summary.pairedPrePost} with pre and post questionnaires, in ${Date.now() - started} ms`,
    );
    return summary;
  }
}
