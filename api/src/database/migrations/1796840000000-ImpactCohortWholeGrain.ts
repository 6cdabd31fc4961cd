import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fifth grain for the Impact aggregates: each cohort whole (all its organisations and systems together), for the
 * `responses` fact only. A national breakdown by cohort read 156,000 cohort × organisation rows of that fact at
 * 200,000 delegates, about 100 ms of SQL; per whole cohort there are 63,000. Filled here from the cohort grain
 * (the same sums the rebuild makes), so nobody needs logging again. The fact's name is written out, as a migration
 * records the schema as it was.
 */
export class ImpactCohortWholeGrain1796840000000 implements MigrationInterface {
  name = 'ImpactCohortWholeGrain1796840000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "impact_cell_cohort_whole" ("programme_id" uuid NOT NULL, "cohort_id" uuid NOT NULL,
        "cohort_system_id" uuid, "start_date" date NOT NULL, "fy" integer NOT NULL,
        "fact" character varying(60) NOT NULL, "dims" jsonb NOT NULL, "n" integer NOT NULL,
        "s1" numeric, "s2" numeric, "s3" numeric,
        CONSTRAINT "UQ_impact_cell_cohort_whole" UNIQUE NULLS NOT DISTINCT
          ("programme_id", "fact", "cohort_id", "cohort_system_id", "start_date", "fy", "dims"))`,
    );
    // The in-memory aggregate cache is keyed by the change counter: applying the log changes the figures.
    await queryRunner.query(
      `CREATE TRIGGER "analytics_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "impact_cell_cohort_whole"
       FOR EACH STATEMENT EXECUTE FUNCTION "analytics_changed"()`,
    );
    await queryRunner.query(
      `INSERT INTO impact_cell_cohort_whole (programme_id, fact, cohort_id, cohort_system_id, start_date, fy, dims, n, s1, s2, s3)
       SELECT programme_id, fact, cohort_id, cohort_system_id, start_date, fy, dims, sum(n)::int, sum(s1), sum(s2), sum(s3)
       FROM impact_cell_cohort WHERE fact = 'responses'
       GROUP BY programme_id, fact, cohort_id, cohort_system_id, start_date, fy, dims`,
    );
    // The planner must know the table is no longer empty, or it reads a programme's rows one by one by index.
    await queryRunner.query(`ANALYZE "impact_cell_cohort_whole"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "impact_cell_cohort_whole"`);
  }
}
