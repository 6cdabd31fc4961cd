// Runs api/src/database/generate-migration.ts with ts-node (see that file).
import { spawnSync } from 'node:child_process';

const result = spawnSync(
  process.execPath,
  [
    '-r',
    'ts-node/register',
    '-r',
    'tsconfig-paths/register',
    'api/src/database/generate-migration.ts',
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: 'api/tsconfig.app.json', TS_NODE_TRANSPILE_ONLY: 'true' },
  },
);
process.exit(result.status ?? 1);
