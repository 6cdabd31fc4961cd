import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets the API keep impact aggregates in memory until the data behind them changes. Every statement that writes
 * to a table the aggregates read advances analytics_change_seq at once (so a reader sees that something is being
 * written) and sends a notification on commit (so a reader whose query started before the commit knows its
 * result is out of date). Written by hand: TypeORM does not model triggers.
 */
const TABLES = [
  'app_user',
  'attendance',
  'cohort',
  'community_member',
  'delegate_profile',
  'enrolment',
  'equality_monitoring',
  'evaluation_answer',
  'evaluation_response',
  'instrument',
  'organisation',
  'programme',
  'session',
];

export class AnalyticsChangeSignal1796513123355 implements MigrationInterface {
  name = 'AnalyticsChangeSignal1796513123355';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "analytics_change_seq"`);
    await queryRunner.query(`CREATE FUNCTION "analytics_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('analytics_change_seq');
        PERFORM pg_notify('analytics_changed', '');
        RETURN NULL;
      END $$`);
    for (const table of TABLES)
      await queryRunner.query(
        `CREATE TRIGGER "analytics_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION "analytics_changed"()`,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(`DROP TRIGGER "analytics_changed" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION "analytics_changed"()`);
    await queryRunner.query(`DROP SEQUENCE "analytics_change_seq"`);
  }
}
