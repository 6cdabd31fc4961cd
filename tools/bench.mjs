// `npm run bench`: runs the benchmark scripts in api/bench with ts-node; results go to bench/results/.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

// `npm run bench -- analytics` runs only the benches whose file names contain one of the names; options
// (`--delegates 20000`, `--flag=value`) are passed on to each bench that runs.
const names = [];
const options = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (!args[i].startsWith('--')) names.push(args[i]);
  else {
    options.push(args[i]);
    if (!args[i].includes('=') && args[i + 1] !== undefined && !args[i + 1].startsWith('--'))
      options.push(args[++i]);
  }
}
const benches = readdirSync('api/bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => names.length === 0 || names.some((name) => file.includes(name)));
for (const bench of benches) {
  console.log(`\n━━ ${bench} ━━`);
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '-r',
      'ts-node/register',
      '-r',
      'tsconfig-paths/register',
      `api/bench/${bench}`,
      ...options,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, TS_NODE_PROJECT: 'api/tsconfig.spec.json', TS_NODE_TRANSPILE_ONLY: 'true' },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
