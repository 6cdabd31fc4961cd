import { MigrationInterface, QueryRunner } from 'typeorm';

export class ThrottleWindows1796515350201 implements MigrationInterface {
  name = 'ThrottleWindows1796515350201';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "throttle_window" ("scope" character varying(20) NOT NULL, "key" character varying(64) NOT NULL, "count" integer NOT NULL, "reset_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_throttle_window_scope" CHECK ("scope" IN ('login', 'reset-email', 'reset-address')), CONSTRAINT "PK_fae822f10b4a97e66aa89c9fc56" PRIMARY KEY ("scope", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_throttle_window_reset_at" ON "throttle_window"  ("reset_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_throttle_window_reset_at"`);
    await queryRunner.query(`DROP TABLE "throttle_window"`);
  }
}
