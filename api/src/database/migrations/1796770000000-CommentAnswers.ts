import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments at national scale. The Impact page's comments were counted and paged by reading every response of
 * the stage and each response's answers (2 s at 200,000 delegates, even with no comments at all):
 * - a partial index on the free-text answers, so the comments are found from the few answers that have text;
 * - the `comments` fact now also sums how many free-text answers each person gave (s1), so a view's total is
 *   read from the kept aggregates; every person is logged as changed so the applier (or
 *   `npm run analytics:rebuild`) recomputes it.
 */
export class CommentAnswers1796770000000 implements MigrationInterface {
  name = 'CommentAnswers1796770000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_evaluation_answer_text" ON "evaluation_answer" ("response_id") WHERE "value_text" IS NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO impact_change (programme_id, person_key) SELECT programme_id, person_key FROM impact_person`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_evaluation_answer_text"`);
  }
}
