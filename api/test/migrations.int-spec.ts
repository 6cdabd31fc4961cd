import { createDataSource, runMigrations } from '../src/database/migrate';
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
    ).rejects.toThrow(/CHK_user_role_sponsor_scoped/);
  });
});
