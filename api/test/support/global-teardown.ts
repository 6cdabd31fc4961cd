import { rmSync } from 'fs';
import { RunningDatabase } from '../../src/database/embedded-database';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)['__UPSTAND_TEST_DB__'] as
    { database: RunningDatabase; dataDir: string } | undefined;
  if (!state) return;
  await state.database.stop();
  rmSync(state.dataDir, { recursive: true, force: true });
}
