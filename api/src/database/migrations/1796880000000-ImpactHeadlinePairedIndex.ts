import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The base of the headline item's change per category now comes from the `headline-paired` fact (see
 * ImpactHeadlinePaired). A steering member's breakdown by cohort for one system and year reads it from the cohort
 * grain for the view's few hundred cohorts, and with no index of its own PostgreSQL found those rows among every
 * fact's rows of each cohort. This index holds just that fact's rows with every column the read needs, as the one
 * it replaces held the headline item's pre → post pairs (which nothing reads by cohort for every category now).
 */
export class ImpactHeadlinePairedIndex1796880000000 implements MigrationInterface {
  name = 'ImpactHeadlinePairedIndex1796880000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_impact_cell_cohort_headline_paired" ON "impact_cell_cohort" ("programme_id", "cohort_id")
       INCLUDE ("organisation_id", "system_id", "cohort_system_id", "start_date", "fy", "grp", "n")
       WHERE "fact" = 'headline-paired'`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_impact_cell_cohort_headline"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_impact_cell_cohort_headline" ON "impact_cell_cohort" ("programme_id", "cohort_id")
       INCLUDE ("organisation_id", "system_id", "cohort_system_id", "start_date", "fy", "grp", "n")
       WHERE "fact" = 'pairs:pre:post' AND ("dims" ->> 0) = 'confidence_intervene'`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_impact_cell_cohort_headline_paired"`);
  }
}
