import { MigrationInterface, QueryRunner } from 'typeorm';

export class LearningSets1795434913278 implements MigrationInterface {
  name = 'LearningSets1795434913278';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "learning_set" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "number" integer NOT NULL, "facilitator_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4bb4b8861889693c987139670c8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_learning_set_number" ON "learning_set"  ("cohort_id", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "learning_set_member" ("enrolment_id" uuid NOT NULL, "set_id" uuid NOT NULL, CONSTRAINT "PK_91c522541358afff856a024ea07" PRIMARY KEY ("enrolment_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_learning_set_member_set" ON "learning_set_member"  ("set_id") `,
    );
    await queryRunner.query(`ALTER TABLE "session" ADD "set_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_session_set" ON "session"  ("set_id") `);
    await queryRunner.query(
      `ALTER TABLE "learning_set" ADD CONSTRAINT "FK_9f33dce2b6ec4cf4e9440bb1224" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_set" ADD CONSTRAINT "FK_87d0e74ff6c197cb92730a38744" FOREIGN KEY ("facilitator_id") REFERENCES "facilitator"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_cf727ea50df5a5c724e716d4798" FOREIGN KEY ("set_id") REFERENCES "learning_set"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_set_member" ADD CONSTRAINT "FK_91c522541358afff856a024ea07" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_set_member" ADD CONSTRAINT "FK_b3fa5756c37c9895182bd090030" FOREIGN KEY ("set_id") REFERENCES "learning_set"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "learning_set_member" DROP CONSTRAINT "FK_b3fa5756c37c9895182bd090030"`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_set_member" DROP CONSTRAINT "FK_91c522541358afff856a024ea07"`,
    );
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_cf727ea50df5a5c724e716d4798"`);
    await queryRunner.query(`ALTER TABLE "learning_set" DROP CONSTRAINT "FK_87d0e74ff6c197cb92730a38744"`);
    await queryRunner.query(`ALTER TABLE "learning_set" DROP CONSTRAINT "FK_9f33dce2b6ec4cf4e9440bb1224"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_session_set"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "set_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_learning_set_member_set"`);
    await queryRunner.query(`DROP TABLE "learning_set_member"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_learning_set_number"`);
    await queryRunner.query(`DROP TABLE "learning_set"`);
  }
}
