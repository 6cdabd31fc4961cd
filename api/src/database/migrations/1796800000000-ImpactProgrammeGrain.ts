import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fourth grain for the Impact aggregates: per programme × financial year × group, with no system. The widest
 * views (a lead's unfiltered page, the steering group's whole programme, and the whole programme every protected
 * view is checked against) summed the system grain, which at 200,000 delegates is 112,000 rows for one stage
 * pair's answers, about 190 ms a read; this grain holds about a twelfth of that. Filled here from the system grain
 * (the same sums the rebuild makes), so nobody needs logging again.
 */
export class ImpactProgrammeGrain1796800000000 implements MigrationInterface {
  name = 'ImpactProgrammeGrain1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "impact_cell_programme" ("programme_id" uuid NOT NULL, "fy" integer NOT NULL, "grp" text NOT NULL,
        "fact" character varying(60) NOT NULL, "dims" jsonb NOT NULL, "n" integer NOT NULL,
        "s1" numeric, "s2" numeric, "s3" numeric,
        CONSTRAINT "UQ_impact_cell_programme" UNIQUE NULLS NOT DISTINCT ("programme_id", "fact", "fy", "grp", "dims"))`,
    );
    // The in-memory aggregate cache is keyed by the change counter: applying the log changes the figures.
    await queryRunner.query(
      `CREATE TRIGGER "analytics_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "impact_cell_programme"
       FOR EACH STATEMENT EXECUTE FUNCTION "analytics_changed"()`,
    );
    await queryRunner.query(
      `INSERT INTO impact_cell_programme (programme_id, fact, fy, grp, dims, n, s1, s2, s3)
       SELECT programme_id, fact, fy, grp, dims, sum(n)::int, sum(s1), sum(s2), sum(s3)
       FROM impact_cell_system GROUP BY programme_id, fact, fy, grp, dims`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "impact_cell_programme"`);
  }
}
