// `npm run user:create -- --email lead@trust.nhs.uk --name "Jo Bloggs" --role programme-lead [--password-stdin]`:
// creates a user, e.g. the first programme lead in production (api/src/database/create-user.main.ts, run with
// ts-node as seed:scale is). Standard input is passed through for --password-stdin.
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
    'api/src/database/create-user.main.ts',
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: 'api/tsconfig.spec.json', TS_NODE_TRANSPILE_ONLY: 'true' },
  },
);
process.exit(result.status ?? 1);
