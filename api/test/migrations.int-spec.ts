import { createDataSource, runMigrations } from '../src/database/migrate';
import { GrantScopes1796538203544 } from '../src/database/migrations/1796538203544-GrantScopes';
import { createTestApp, TestApp } from './support/test-app';

describe('database migrations', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('build exactly the schema the entities describe (no drift)', async () => {
    const dataSource = await createDataSource(testApp.databaseUrl).initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('are recorded, so a second start applies nothing', async () => {
    expect(await runMigrations(testApp.databaseUrl)).toEqual([]);
    const rows = await testApp.sql<{ name: string }>('SELECT name FROM migrations');
    expect(rows.length).toBeGreaterThan(0);
  });

  it('enforce the last line of defence in the database itself', async () => {
    await expect(
      testApp.sql(
        `INSERT INTO organisation (ods_code, name, type, region_id, valid_from) SELECT 'ab!', 'x', 'icb', id, '2024-01-01' FROM region LIMIT 1`,
      ),
    ).rejects.toThrow(/CHK_organisation_ods_code/);
    await expect(
      testApp.sql(`INSERT INTO user_role (user_id, role) SELECT id, 'sponsor' FROM app_user LIMIT 1`),
    ).rejects.toThrow(/CHK_user_role_scope/);
    // A staff grant needs exactly one scope; a delegate grant has none.
    await expect(
      testApp.sql(`INSERT INTO user_role (user_id, role) SELECT id, 'steering' FROM app_user LIMIT 1`),
    ).rejects.toThrow(/CHK_user_role_scope/);
    await expect(
      testApp.sql(
        `INSERT INTO user_role (user_id, role, scope_kind, region_id, organisation_id)
         SELECT u.id, 'programme-lead', 'region', r.id, o.id FROM app_user u, region r, organisation o WHERE o.ods_code = 'QWU' LIMIT 1`,
      ),
    ).rejects.toThrow(/CHK_user_role_scope/);
    await expect(
      testApp.sql(
        `INSERT INTO user_role (user_id, role, scope_kind, region_id) SELECT u.id, 'line-manager', 'region', r.id FROM app_user u, region r LIMIT 1`,
      ),
    ).rejects.toThrow(/CHK_user_role_scope/);
  });

  // Runs last: it takes the scope columns away and puts them back.
  it('give existing staff grants a scope: leads, facilitators and steering regional, sponsors their organisation', async () => {
    const migration = new GrantScopes1796538203544();
    const dataSource = await createDataSource(testApp.databaseUrl).initialize();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const [user] = await testApp.sql<{ id: string }>(
        `INSERT INTO app_user (email, full_name, password_hash) VALUES ('old-grants@example.nhs.uk', 'Old Grants', 'x') RETURNING id`,
      );
      await testApp.sql(
        `INSERT INTO user_role (user_id, role, organisation_id)
         SELECT $1, role, CASE WHEN role = 'sponsor' THEN (SELECT id FROM organisation WHERE ods_code = 'RWE') END
         FROM unnest(ARRAY['programme-lead', 'facilitator', 'steering', 'sponsor', 'delegate']) AS role`,
        [user?.id],
      );
      await migration.up(runner);
      const grants = await testApp.sql(
        `SELECT g.role, g.scope_kind, r.ods_code AS region, o.ods_code AS organisation
         FROM user_role g LEFT JOIN region r ON r.id = g.region_id LEFT JOIN organisation o ON o.id = g.organisation_id
         WHERE g.user_id = $1 ORDER BY g.role`,
        [user?.id],
      );
      expect(grants).toEqual([
        { role: 'delegate', scope_kind: null, region: null, organisation: null },
        { role: 'facilitator', scope_kind: 'region', region: 'Y60', organisation: null },
        { role: 'programme-lead', scope_kind: 'region', region: 'Y60', organisation: null },
        { role: 'sponsor', scope_kind: 'organisation', region: null, organisation: 'RWE' },
        { role: 'steering', scope_kind: 'region', region: 'Y60', organisation: null },
      ]);
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
  });
});
