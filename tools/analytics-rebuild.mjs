// `npm run analytics:rebuild`: recomputes the Impact aggregates and checks them (api/src/database/analytics-rebuild.main.ts, run with ts-node as
// migrate is). In a production build: `node api/analytics-rebuild.js`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
  process.execPath,
  ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'api/src/database/analytics-rebuild.main.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: 'api/tsconfig.spec.json', TS_NODE_TRANSPILE_ONLY: 'true' },
  },
);
process.exit(result.status ?? 1);
