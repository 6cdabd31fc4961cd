import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVALUATION_STAGES, EvaluationStage } from '@upstand/contracts';
import { utcToLondonWallClock } from '@upstand/schedule';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { buildDemoPlan, DemoJourneysSummary, summariseDemoPlan } from './demo-journeys';
import { DemoJourneysRepository } from './demo-journeys.repository';
import { SeedRepository } from './seed.repository';

/**
 * Puts the demo's journeys in progress into a demo database, once: dated from the day it is seeded (the anchor,
 * kept in `demo_seed`), in one transaction with the row that records it. Never in production.
 */
@Injectable()
export class DemoJourneysService {
  private readonly logger = new Logger(DemoJourneysService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly seedRepository: SeedRepository,
    private readonly repository: DemoJourneysRepository,
    private readonly evaluations: EvaluationsService,
  ) {}

  /** The day the demo is dated from, or null when this database has no demo journeys. */
  anchorDate(): Promise<string | null> {
    return this.repository.anchorDate();
  }

  /** Seeds the journeys unless they are there (or the demo accounts are missing or in use); `now` is the clock. */
  async seedIfMissing(programmeName: string, now: Date = new Date()): Promise<DemoJourneysSummary | null> {
    if (this.config.isProduction) return null;
    if (await this.repository.anchorDate()) return null;
    const programme = await this.repository.programme(programmeName);
    if (!programme) return null;
    // The current questionnaires (publishing the defaults if the programme has none yet)
    const instruments = await Promise.all(
      EVALUATION_STAGES.map((stage) => this.evaluations.instrument(programme.programmeId, stage)),
    );
    const plan = buildDemoPlan({
      anchorDate: utcToLondonWallClock(now).date,
      now,
      template: { stages: programme.stages },
      instruments: Object.fromEntries(instruments.map((i) => [i.stage, i.items])) as Record<
        EvaluationStage,
        (typeof instruments)[number]['items']
      >,
    });
    const seeded = await this.seedRepository.withSeedLock(async (manager) => {
      if (await this.repository.anchorDate(manager)) return false;
      if (!(await this.repository.demoAccountsUntouched(manager))) return false;
      await this.repository.insert(
        plan,
        {
          programmeId: programme.programmeId,
          templateId: programme.templateId,
          instrumentIds: Object.fromEntries(instruments.map((i) => [i.stage, i.id])),
        },
        manager,
      );
      return true;
    });
    if (!seeded) return null;
    const summary = summariseDemoPlan(plan);
    this.logger.log(
      `Seeded SYNTHETIC demo journeys dated from ${summary.anchorDate}: ${summary.cohorts} cohorts, ` +
        `${summary.people} people, ${summary.enrolments} places, ${summary.responses} questionnaire responses`,
    );
    return summary;
  }
}
