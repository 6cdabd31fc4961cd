import { MigrationInterface, QueryRunner } from 'typeorm';

export class Evaluations1795436729504 implements MigrationInterface {
  name = 'Evaluations1795436729504';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "instrument" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "stage" character varying(20) NOT NULL, "version" integer NOT NULL, "title" character varying(200) NOT NULL, "items" jsonb NOT NULL, "published_by_user_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_instrument_stage" CHECK ("stage" IN ('pre', 'post', 'follow-up', 'session-feedback')), CONSTRAINT "PK_1707dc7e7c2845211b38bef3d29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_instrument_version" ON "instrument"  ("programme_id", "stage", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "evaluation_response" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrolment_id" uuid NOT NULL, "stage" character varying(20) NOT NULL, "instrument_id" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0da5a99ee61b210d4456497d258" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_evaluation_response_instrument" ON "evaluation_response"  ("instrument_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_evaluation_response_stage" ON "evaluation_response"  ("enrolment_id", "stage") `,
    );
    await queryRunner.query(
      `CREATE TABLE "evaluation_answer" ("response_id" uuid NOT NULL, "item_code" character varying(60) NOT NULL, "value_number" numeric(6,2), "value_text" character varying(4000), CONSTRAINT "CHK_evaluation_answer_value" CHECK ("value_number" IS NULL OR "value_text" IS NULL), CONSTRAINT "PK_689c32c70059713db9c6d0083be" PRIMARY KEY ("response_id", "item_code"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "instrument" ADD CONSTRAINT "FK_d1a7fb588222b632ddba71515c7" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD CONSTRAINT "FK_6728083b87cc6853654d967b7b6" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" ADD CONSTRAINT "FK_2d097f876e2208536e0418d1768" FOREIGN KEY ("instrument_id") REFERENCES "instrument"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_answer" ADD CONSTRAINT "FK_08447a6fe6fc4ff81f621140a91" FOREIGN KEY ("response_id") REFERENCES "evaluation_response"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "evaluation_answer" DROP CONSTRAINT "FK_08447a6fe6fc4ff81f621140a91"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" DROP CONSTRAINT "FK_2d097f876e2208536e0418d1768"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluation_response" DROP CONSTRAINT "FK_6728083b87cc6853654d967b7b6"`,
    );
    await queryRunner.query(`ALTER TABLE "instrument" DROP CONSTRAINT "FK_d1a7fb588222b632ddba71515c7"`);
    await queryRunner.query(`DROP TABLE "evaluation_answer"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_evaluation_response_stage"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_evaluation_response_instrument"`);
    await queryRunner.query(`DROP TABLE "evaluation_response"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_instrument_version"`);
    await queryRunner.query(`DROP TABLE "instrument"`);
  }
}
