import { Client } from 'pg';

/**
 * What the production tests share: the external PostgreSQL they make their databases on, the settings production
 * insists on before it starts (api/src/config/app-config.ts refuses the quiet fallbacks), and an environment with
 * nothing of this checkout's in it.
 */
export const EXTERNAL_ADMIN_URL =
  process.env['E2E_EXTERNAL_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Only PATH and HOME: a production process sees none of the test runner's variables. */
export const CLEAN_ENV = { PATH: process.env['PATH'], HOME: process.env['HOME'] };

/** Mail goes to a port nothing listens on unless a test gives its own SMTP_URL: nothing is sent by accident. */
export const PRODUCTION_SETTINGS = {
  NODE_ENV: 'production',
  PUBLIC_BASE_URL: 'https://upstand.example.nhs.uk',
  SMTP_URL: 'smtp://127.0.0.1:9',
  MFA_ENCRYPTION_KEY: 'e2e-production-key-0123456789abcdef',
};

/** A database of its own on the external server, named `<prefix>_<time>`, created by `create` and dropped by `drop`. */
export function externalDatabase(prefix: string) {
  const name = `${prefix}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: EXTERNAL_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query(sql);
    } catch (error) {
      throw new Error(
        `No external PostgreSQL at ${EXTERNAL_ADMIN_URL} (set E2E_EXTERNAL_DATABASE_URL): ${(error as Error).message}`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  return {
    name,
    url: Object.assign(new URL(EXTERNAL_ADMIN_URL), { pathname: `/${name}` }).toString(),
    create: () => admin(`CREATE DATABASE ${name}`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
