import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationCompletion1795440017915 implements MigrationInterface {
  name = 'EvaluationCompletion1795440017915';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evaluation_completion" ("enrolment_id" uuid NOT NULL, "stage" character varying(20) NOT NULL, "session_key" character varying(36) NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_evaluation_completion_session" CHECK (("stage" = 'session-feedback') = ("session_key" <> '')), CONSTRAINT "CHK_evaluation_completion_stage" CHECK ("stage" IN ('pre', 'post', 'follow-up', 'session-feedback')), CONSTRAINT "PK_8cf9b03355806292acf2f4cd48e" PRIMARY KEY ("enrolment_id", "stage", "session_key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_completion" ADD CONSTRAINT "FK_9f51f541c7a4be9773e47c04f70" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Responses given before this migration were all identified: each one is a completion.
    await queryRunner.query(
      `INSERT INTO "evaluation_completion" ("enrolment_id", "stage", "session_key", "completed_at")
       SELECT "enrolment_id", "stage", "session_key", "updated_at" FROM "evaluation_response" WHERE "enrolment_id" IS NOT NULL
       ON CONFLICT DO NOTHING`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "evaluation_completion" DROP CONSTRAINT "FK_9f51f541c7a4be9773e47c04f70"`,
    );
    await queryRunner.query(`DROP TABLE "evaluation_completion"`);
  }
}
