import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A breakdown by organisation or cohort reads one item's answers (the headline item's pairs) from the
 * organisation or cohort grain, choosing the item by `dims->>0`. With no index on it, every such request read the
 * whole grain: at 200,000 delegates a 500 MB sequential scan of the organisation grain, twice, for a steering
 * member's breakdown by organisation (1.1 s); by system, the system grain's 112,000 rows of the stage pair. Indexed
 * by programme, fact and item, only that item's rows are read.
 */
const PAIR_FACTS = `('pairs:pre:post', 'pairs:pre:follow-up', 'pairs:post:follow-up')`;
/** The programme grain is small enough to read whole. */
const GRAINS = ['cohort', 'organisation', 'system'];

export class ImpactItemIndexes1796810000000 implements MigrationInterface {
  name = 'ImpactItemIndexes1796810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const grain of GRAINS)
      await queryRunner.query(
        `CREATE INDEX "IDX_impact_cell_${grain}_item" ON "impact_cell_${grain}" ("programme_id", "fact", (("dims" ->> 0)))
         WHERE "fact" IN ${PAIR_FACTS}`,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const grain of GRAINS)
      await queryRunner.query(`DROP INDEX "public"."IDX_impact_cell_${grain}_item"`);
  }
}
