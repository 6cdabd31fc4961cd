import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationPairing1795439741308 implements MigrationInterface {
  name = 'EvaluationPairing1795439741308';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_evaluation_response_stage"`);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "headcount" integer`);
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "anonymous_evaluation" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "evaluation_response" ADD "programme_id" uuid`);
    await queryRunner.query(`ALTER TABLE "evaluation_response" ADD "cohort_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD "pairing_key" character varying(80)`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD "session_key" character varying(36) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(`ALTER TABLE "evaluation_response" ADD "delegate_user_id" uuid`);
    // Responses given before this migration were all identified: pair them by the delegate's user id.
    await queryRunner.query(
      `UPDATE "evaluation_response" r SET "programme_id" = e."programme_id", "cohort_id" = e."cohort_id",
         "delegate_user_id" = e."delegate_user_id", "pairing_key" = e."delegate_user_id"::text
       FROM "enrolment" e WHERE e."id" = r."enrolment_id"`,
    );
    for (const column of ['programme_id', 'cohort_id', 'pairing_key'])
      await queryRunner.query(`ALTER TABLE "evaluation_response" ALTER COLUMN "${column}" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" DROP CONSTRAINT "FK_6728083b87cc6853654d967b7b6"`,
    );
    await queryRunner.query(`ALTER TABLE "evaluation_response" ALTER COLUMN "enrolment_id" DROP NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "IDX_evaluation_response_enrolment" ON "evaluation_response"  ("enrolment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_evaluation_response_delegate" ON "evaluation_response"  ("delegate_user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_evaluation_response_cohort" ON "evaluation_response"  ("cohort_id", "stage") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_evaluation_response_stage" ON "evaluation_response"  ("programme_id", "stage", "pairing_key", "session_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "CHK_organisation_headcount" CHECK ("headcount" IS NULL OR "headcount" BETWEEN 1 AND 2000000)`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD CONSTRAINT "CHK_evaluation_response_identity" CHECK (("enrolment_id" IS NULL) = ("delegate_user_id" IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD CONSTRAINT "CHK_evaluation_response_session" CHECK (("stage" = 'session-feedback') = ("session_key" <> ''))`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD CONSTRAINT "CHK_evaluation_response_stage" CHECK ("stage" IN ('pre', 'post', 'follow-up', 'session-feedback'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD CONSTRAINT "FK_ac118499e9e8657bd2f29cd5b90" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD CONSTRAINT "FK_2595e32a819defc5f1fe95407b5" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD CONSTRAINT "FK_6728083b87cc6853654d967b7b6" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" DROP CONSTRAINT "FK_6728083b87cc6853654d967b7b6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" DROP CONSTRAINT "FK_2595e32a819defc5f1fe95407b5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" DROP CONSTRAINT "FK_ac118499e9e8657bd2f29cd5b90"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" DROP CONSTRAINT "CHK_evaluation_response_stage"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" DROP CONSTRAINT "CHK_evaluation_response_session"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" DROP CONSTRAINT "CHK_evaluation_response_identity"`,
    );
    await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "CHK_organisation_headcount"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_evaluation_response_stage"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_evaluation_response_cohort"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_evaluation_response_delegate"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_evaluation_response_enrolment"`);
    await queryRunner.query(`ALTER TABLE "evaluation_response" ALTER COLUMN "enrolment_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD CONSTRAINT "FK_6728083b87cc6853654d967b7b6" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "evaluation_response" DROP COLUMN "delegate_user_id"`);
    await queryRunner.query(`ALTER TABLE "evaluation_response" DROP COLUMN "session_key"`);
    await queryRunner.query(`ALTER TABLE "evaluation_response" DROP COLUMN "pairing_key"`);
    await queryRunner.query(`ALTER TABLE "evaluation_response" DROP COLUMN "cohort_id"`);
    await queryRunner.query(`ALTER TABLE "evaluation_response" DROP COLUMN "programme_id"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "anonymous_evaluation"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "headcount"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_evaluation_response_stage" ON "evaluation_response" USING btree ("enrolment_id", "stage") `,
    );
  }
}
