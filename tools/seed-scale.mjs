// `npm run seed:scale -- --delegates 200000 [--database-url postgres://…]`: national-scale synthetic data for
// benchmarks (api/src/database/seed-scale.main.ts, run with ts-node as the benchmarks are).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
  process.execPath,
  [
    '-r',
    'ts-node/register',
    '-r',
    'tsconfig-paths/register',
    'api/src/database/seed-scale.main.ts',
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: 'api/tsconfig.spec.json', TS_NODE_TRANSPILE_ONLY: 'true' },
  },
);
process.exit(result.status ?? 1);
