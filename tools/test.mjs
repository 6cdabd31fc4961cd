// `npm test`: formatting, lint, typecheck, unit, integration and browser tests; every step runs, and the run fails
// if any step fails. Ends with a one-line count of the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const resultsDir = join(root, 'tmp/test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

const jest = (name, configs) => [
  bin('jest'),
  [
    ...configs.flatMap((config) => ['--projects', config]),
    '--json',
    `--outputFile=${join(resultsDir, `${name}.json`)}`,
  ],
];
const steps = [
  { name: 'format', command: [bin('prettier'), ['--check', '.', '--log-level', 'warn']] },
  { name: 'lint', command: [bin('nx'), ['run-many', '-t', 'lint', '--output-style=static']] },
  { name: 'typecheck', command: [bin('nx'), ['run-many', '-t', 'typecheck', '--output-style=static']] },
  {
    name: 'unit',
    jest: true,
    command: jest('unit', [
      'libs/contracts/jest.config.ts',
      'libs/schedule/jest.config.ts',
      'libs/statistics/jest.config.ts',
      'api/jest.config.ts',
      'web/jest.config.ts',
    ]),
  },
  {
    name: 'build',
    command: [bin('nx'), ['run-many', '-t', 'build', '-p', 'api', 'web', '--output-style=static']],
  },
  { name: 'integration', jest: true, command: jest('integration', ['api/jest.integration.config.ts']) },
  { name: 'e2e', jest: true, command: jest('e2e', ['e2e/jest.config.ts']) },
];

const only = process.argv.slice(2);
const outcomes = [];
for (const step of steps.filter((candidate) => only.length === 0 || only.includes(candidate.name))) {
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  const [command, args] = step.command;
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let counts = null;
  const file = join(resultsDir, `${step.name}.json`);
  if (step.jest && existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    counts = {
      passed: report.numPassedTests,
      failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
    };
  }
  outcomes.push({ name: step.name, ok: result.status === 0, seconds, counts });
}

console.log('\n━━ summary ━━');
for (const outcome of outcomes) {
  const counts = outcome.counts ? ` (${outcome.counts.passed} passed, ${outcome.counts.failed} failed)` : '';
  console.log(
    `${outcome.ok ? 'ok  ' : 'FAIL'} ${outcome.name.padEnd(12)} ${outcome.seconds.padStart(6)} s${counts}`,
  );
}
const passed = outcomes.reduce((sum, outcome) => sum + (outcome.counts?.passed ?? 0), 0);
const failedSteps = outcomes.filter((outcome) => !outcome.ok);
const failed =
  outcomes.reduce((sum, outcome) => sum + (outcome.counts?.failed ?? 0), 0) +
  failedSteps.filter((outcome) => !outcome.counts).length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 ? 1 : 0);
