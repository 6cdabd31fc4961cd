import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A system's view in one financial year (a steering member's usual question) reads the `responses` fact at the
 * cohort grain to find which cohorts and organisations it holds (AnalyticsRepository.soleContainers) and which
 * cohorts to list for response rates. Without an index by system and year that read went through all 156,000 of
 * the programme's rows at 200,000 delegates (110 ms) to keep about 700; with this one it reads only those.
 */
export class ImpactResponsesSystemIndex1796790000000 implements MigrationInterface {
  name = 'ImpactResponsesSystemIndex1796790000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_impact_cell_cohort_responses_system" ON "impact_cell_cohort" ("programme_id", "system_id", "fy")
       INCLUDE ("cohort_id", "organisation_id", "cohort_system_id", "start_date", "grp", "dims", "n")
       WHERE "fact" = 'responses'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_impact_cell_cohort_responses_system"`);
  }
}
