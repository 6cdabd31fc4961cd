import { rmSync } from 'fs';
import { RunningServer } from './server';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>)['__UPSTAND_E2E_SERVER__'] as
    RunningServer | undefined;
  if (!server) return;
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
}
