// `npm start`: build what changed (Nx caches the rest), then run the API, which also serves the web app,
// in this same Node process (so stopping or killing it stops the platform).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nx = join(root, 'node_modules/.bin/nx');

console.log('Building Upstand (API and web)…');
const build = spawnSync(nx, ['run-many', '-t', 'build', '-p', 'api', 'web', '--output-style=static'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
});
if (build.status !== 0) {
  console.error('The build failed: run `npx nx run-many -t build -p api web` to see why.');
  process.exit(build.status ?? 1);
}
process.chdir(root);
createRequire(import.meta.url)(join(root, 'dist/api/main.js'));
