import { AppConfig } from '../config/app-config';
import { RunningDatabase, startEmbeddedPostgres } from './embedded-database';

/** With DATABASE_URL, use that server and start nothing; otherwise start the embedded one. */
export async function openDatabase(
  config: AppConfig,
  logger: { log(message: string): void; warn(message: string): void },
): Promise<Pick<RunningDatabase, 'url' | 'stop'>> {
  if (config.database.url) {
    return { url: config.database.url, stop: async () => undefined };
  }
  return startEmbeddedPostgres(config.database.dataDir, logger);
}
