/**
 * Health for orchestrators and proxies (docs in README "Health checks"):
 * - `GET /api/health/live`: the process is up and its event loop answers. Restart it only when this fails.
 * - `GET /api/health/ready`: it can serve: the database answers, every migration this release needs has been
 *   applied, the analytics change listener is connected (when the cache needs it), and it is not shutting down.
 *   Send it no traffic while this is 503.
 * - `GET /api/health`: the same as ready, kept for monitors set up before the split.
 */
export interface LivenessResponse {
  status: 'ok';
}

export type CheckStatus = 'up' | 'down';

export interface HealthResponse {
  status: 'ok' | 'error';
  database: { status: CheckStatus; message?: string };
  /** Migrations this release knows that the database has not applied (a rolling upgrade not yet migrated). */
  migrations: { status: CheckStatus; pending: string[] };
  /**
   * The analytics change listener's own connection (LISTEN), which lets the Impact cache keep results; `off` when
   * the cache is off (ANALYTICS_CACHE_ENTRIES=0 or a read replica), and then it does not count. It reconnects by
   * itself, so `down` lasts from a lost connection until PostgreSQL answers again.
   */
  listener: { status: CheckStatus | 'off' };
  /** True from the moment a shutdown signal arrives: finish what is in flight, take nothing new. */
  shuttingDown: boolean;
}
