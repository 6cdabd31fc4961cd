// `npm run bench`: runs the benchmark scripts in api/bench with ts-node; results go to bench/results/.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

// `npm run bench -- analytics` runs only the benches whose file names contain one of the arguments.
const only = process.argv.slice(2);
const benches = readdirSync('api/bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)));
for (const bench of benches) {
  console.log(`\n━━ ${bench} ━━`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '-r', 'ts-node/register', '-r', 'tsconfig-paths/register', `api/bench/${bench}`],
    {
      stdio: 'inherit',
      env: { ...process.env, TS_NODE_PROJECT: 'api/tsconfig.spec.json', TS_NODE_TRANSPILE_ONLY: 'true' },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
