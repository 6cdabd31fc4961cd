import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HOME_REGION_ODS_CODE, RoleGrant } from '@upstand/contracts';
import { BackgroundWork, BackgroundWorkCancelledError } from '../../common/background-work';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AnalyticsChangeListener } from './analytics-change-listener';
import { AnalyticsScopeResolver } from './analytics-scope.resolver';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { AnalyticsService } from './analytics.service';

/** Who the default views are computed for: the programme team (person-level) and the steering group. */
const REGIONAL = { kind: 'region', odsCode: HOME_REGION_ODS_CODE, name: HOME_REGION_ODS_CODE } as const;
const VIEWERS: { roles: RoleGrant[] }[] = [
  { roles: [{ role: 'programme-lead', organisationId: null, organisationName: null, scope: REGIONAL }] },
  { roles: [{ role: 'steering', organisationId: null, organisationName: null, scope: REGIONAL }] },
];

/**
 * At national scale an Impact page computed from scratch takes many seconds. Once the data has been quiet for
 * a while after a change (and after start-up), this computes what the Impact page asks for first — each
 * programme's unfiltered reports, for leads and for the steering group — one report at a time, so the next
 * viewer finds them in the aggregate cache. A change while it runs stops it; it starts again once things are
 * quiet.
 *
 * It runs through BackgroundWork: each statement under ANALYTICS_STATEMENT_TIMEOUT_MS (a warm-up that cannot
 * finish in time is cancelled and logged, and not tried again until the data next changes: viewers compute
 * what they open), and on shutdown the query in flight is cancelled rather than awaited.
 */
@Injectable()
export class AnalyticsWarmer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AnalyticsWarmer.name);
  private timer: NodeJS.Timeout | null = null;
  private generation = 0;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** When the last complete warm-up finished (for tests and diagnostics). */
  lastCompletedAt: Date | null = null;
  /** Why the last warm-up stopped short, if it did (for tests and diagnostics). */
  lastFailure: string | null = null;

  constructor(
    private readonly changes: AnalyticsChangeListener,
    private readonly analytics: AnalyticsService,
    private readonly scopes: AnalyticsScopeResolver,
    private readonly programmes: ProgrammesRepository,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.background.enabled) return;
    if (this.config.analytics.warmAfterMs === 0 || !this.changes.cache.enabled) return;
    this.changes.cache.onChange(() => this.schedule());
    this.schedule();
  }

  /** Nothing is waiting to be prepared or being prepared. */
  get idle(): boolean {
    return this.timer === null && this.running === null;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    await this.background.stopAll();
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    const generation = ++this.generation;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // One warm-up at a time: one stuck in a long query finishes (or times out) before the next begins.
      const previous = this.running ?? Promise.resolve();
      const run: Promise<void> = previous
        .then(() => (generation === this.generation ? this.warm(generation) : undefined))
        .finally(() => {
          if (this.running === run) this.running = null;
        });
      this.running = run;
    }, this.config.analytics.warmAfterMs);
    this.timer.unref();
  }

  private async warm(generation: number): Promise<void> {
    const timeoutMs = this.config.analytics.statementTimeoutMs;
    try {
      await this.background.run('Impact warm-up', timeoutMs, () => this.warmAll(generation));
    } catch (error) {
      if (this.stopped || error instanceof BackgroundWorkCancelledError) return;
      const timedOut = (error as { code?: string }).code === '57014';
      this.lastFailure = timedOut
        ? `a query ran longer than ANALYTICS_STATEMENT_TIMEOUT_MS (${timeoutMs} ms) and was cancelled`
        : (error as Error).message;
      // Not retried until the data changes again: the same query would time out the same way.
      this.logger.warn(
        `Could not prepare the Impact figures: ${this.lastFailure}; they will be computed when viewed`,
      );
    }
  }

  private async warmAll(generation: number): Promise<void> {
    const current = () => generation === this.generation;
    for (const programme of await this.programmes.listOldestFirst()) {
      for (const viewer of VIEWERS) {
        if (!current()) return;
        const scope = await this.scopes.resolve(viewer, { programmeId: programme.id });
        const reports: (() => Promise<unknown>)[] = [
          () => this.analytics.overview(scope),
          () => this.analytics.items(scope, 'pre', 'post'),
          () => this.analytics.breakdown(scope, 'group'),
          () => this.analytics.funnel(scope),
          () => this.analytics.reach(scope),
          () => this.analytics.cumulative(scope),
          () => this.analytics.responseRates(scope),
          () => this.analytics.comments(scope, 'post'),
        ];
        for (const report of reports) {
          if (!current()) return;
          await report();
        }
      }
    }
    if (current()) {
      this.lastCompletedAt = new Date();
      this.lastFailure = null;
    }
  }
}
