// `npm run build`: the production build a server runs without the toolchain. Builds the API and the web app with
// Nx, then writes dist/package.json listing only what the built API loads at run time, at the exact versions
// tested here. On the server: `npm install --omit=dev` in dist/, then `node api/migrate.js` and `node api/main.js`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimeManifest } from './runtime-manifest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const skipBuild = process.argv.includes('--manifest-only');

if (!skipBuild) {
  const build = spawnSync(
    join(root, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'build', '-p', 'api', 'web', '--configuration=production', '--output-style=static'],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' } },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

for (const file of ['dist/api/main.js', 'dist/api/migrate.js', 'dist/web/browser/index.html'])
  if (!existsSync(join(root, file))) {
    console.error(`The build is incomplete: ${file} is missing.`);
    process.exit(1);
  }

const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundles = ['dist/api/main.js', 'dist/api/migrate.js'].map((file) =>
  readFileSync(join(root, file), 'utf8'),
);
const manifest = runtimeManifest(rootPackage, bundles, (name) =>
  JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')),
);
writeFileSync(join(root, 'dist/package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const count = Object.keys(manifest.dependencies).length + Object.keys(manifest.optionalDependencies).length;
console.log(`dist/ is ready: ${count} runtime packages in dist/package.json.`);
