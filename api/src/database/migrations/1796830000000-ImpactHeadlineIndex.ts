import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A breakdown protected against small numbers counts the people paired on the headline item in every category, as
 * the categories partition the view's headline group. By cohort for the whole programme, that read all 114,000 of
 * the item's cohort-grain rows at 200,000 delegates through the item index, one heap page for nearly every row
 * (40,000 pages, 340 ms). This index holds just the headline item's pre → post rows with every column the read
 * needs, so PostgreSQL answers it from the index alone (14 MB, 72 ms). The item's code is written out, as a
 * migration records the schema as it was (HEADLINE_ITEM_CODE in the contracts today).
 */
export class ImpactHeadlineIndex1796830000000 implements MigrationInterface {
  name = 'ImpactHeadlineIndex1796830000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_impact_cell_cohort_headline" ON "impact_cell_cohort" ("programme_id", "cohort_id")
       INCLUDE ("organisation_id", "system_id", "cohort_system_id", "start_date", "fy", "grp", "n")
       WHERE "fact" = 'pairs:pre:post' AND ("dims" ->> 0) = 'confidence_intervene'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_impact_cell_cohort_headline"`);
  }
}
