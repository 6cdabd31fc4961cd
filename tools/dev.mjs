// `npm run dev`: live reload. The Angular dev server on :3000 (reloads the browser on change) proxies /api
// to the API on :3333, which is rebuilt by webpack in watch mode and restarted whenever its bundle changes.
import { spawn } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nx = join(root, 'node_modules/.bin/nx');
const apiBundle = join(root, 'dist/api/main.js');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const children = new Set();

function run(command, args, extraEnv = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

let api = null;
let restartTimer = null;
function restartApi() {
  clearTimeout(restartTimer);
  restartTimer = setTimeout(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    console.log('[dev] starting the API on http://127.0.0.1:3333');
    api = run(process.execPath, [apiBundle], { PORT: '3333' });
  }, 300);
}

run(nx, ['run', 'api:build', '--configuration=development', '--watch', '--output-style=static']);
const waitForBundle = setInterval(() => {
  if (!existsSync(apiBundle)) return;
  clearInterval(waitForBundle);
  restartApi();
  watch(dirname(apiBundle), (_event, file) => file === 'main.js' && restartApi());
}, 500);
run(nx, ['run', 'web:serve', '--output-style=static']);
console.log('[dev] open http://localhost:3000 once the web build finishes');

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
