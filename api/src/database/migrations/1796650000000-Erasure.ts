import { MigrationInterface, QueryRunner } from 'typeorm';

export class Erasure1796650000000 implements MigrationInterface {
  name = 'Erasure1796650000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "erasure_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'open', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by_user_id" uuid, CONSTRAINT "CHK_erasure_request_completed" CHECK (("status" = 'completed') = ("completed_at" IS NOT NULL)), CONSTRAINT "CHK_erasure_request_status" CHECK ("status" IN ('open', 'completed')), CONSTRAINT "PK_0c34e095458940f9fb9619f92de" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_erasure_request_user" ON "erasure_request"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_erasure_request_open" ON "erasure_request"  ("user_id") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_erasure" ("user_id" uuid NOT NULL, "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reason" character varying(12) NOT NULL, CONSTRAINT "CHK_user_erasure_reason" CHECK ("reason" IN ('request', 'retention')), CONSTRAINT "PK_f84d0ff2ca42cd4c5838458c34b" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "erasure_request" ADD CONSTRAINT "FK_3a0bc04bc17809d36b7ac9f7649" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_erasure" ADD CONSTRAINT "FK_f84d0ff2ca42cd4c5838458c34b" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_erasure" DROP CONSTRAINT "FK_f84d0ff2ca42cd4c5838458c34b"`);
    await queryRunner.query(`ALTER TABLE "erasure_request" DROP CONSTRAINT "FK_3a0bc04bc17809d36b7ac9f7649"`);
    await queryRunner.query(`DROP TABLE "user_erasure"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_erasure_request_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_erasure_request_user"`);
    await queryRunner.query(`DROP TABLE "erasure_request"`);
  }
}
