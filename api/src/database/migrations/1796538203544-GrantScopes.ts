import { MigrationInterface, QueryRunner } from 'typeorm';

export class GrantScopes1796538203544 implements MigrationInterface {
  name = 'GrantScopes1796538203544';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_role" ADD "scope_kind" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "user_role" ADD "region_id" uuid`);
    // Hand-written data step: every lead, facilitator and steering grant so far saw everything, so it becomes
    // regional (the Midlands, Y60; the first region if a database somehow lacks it). Sponsors keep their
    // organisation as an organisation scope; delegate and line-manager grants carry no scope at all.
    await queryRunner.query(
      `UPDATE "user_role" SET "scope_kind" = 'region', "organisation_id" = NULL,
         "region_id" = COALESCE((SELECT "id" FROM "region" WHERE "ods_code" = 'Y60'),
                                (SELECT "id" FROM "region" ORDER BY "ods_code" LIMIT 1))
       WHERE "role" IN ('programme-lead', 'facilitator', 'steering')`,
    );
    await queryRunner.query(`UPDATE "user_role" SET "scope_kind" = 'organisation' WHERE "role" = 'sponsor'`);
    await queryRunner.query(
      `UPDATE "user_role" SET "organisation_id" = NULL WHERE "role" IN ('delegate', 'line-manager')`,
    );
    // CHK_user_role_scope below says it for sponsors too (an organisation scope).
    await queryRunner.query(`ALTER TABLE "user_role" DROP CONSTRAINT "CHK_user_role_sponsor_scoped"`);
    await queryRunner.query(`ALTER TABLE "user_role" ADD CONSTRAINT "CHK_user_role_scope" CHECK (CASE
  WHEN "role" IN ('delegate', 'line-manager') THEN "scope_kind" IS NULL AND "organisation_id" IS NULL AND "region_id" IS NULL
  WHEN "role" IN ('sponsor') THEN "scope_kind" = 'organisation' AND "organisation_id" IS NOT NULL AND "region_id" IS NULL
  ELSE ("scope_kind" = 'region' AND "region_id" IS NOT NULL AND "organisation_id" IS NULL)
    OR ("scope_kind" = 'system' AND "organisation_id" IS NOT NULL AND "region_id" IS NULL) END)`);
    await queryRunner.query(
      `ALTER TABLE "user_role" ADD CONSTRAINT "CHK_user_role_scope_kind" CHECK ("scope_kind" IS NULL OR "scope_kind" IN ('region', 'system', 'organisation'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_role" ADD CONSTRAINT "FK_cbed915f1b902bab6927266eb17" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_role" DROP CONSTRAINT "FK_cbed915f1b902bab6927266eb17"`);
    await queryRunner.query(`ALTER TABLE "user_role" DROP CONSTRAINT "CHK_user_role_scope_kind"`);
    await queryRunner.query(`ALTER TABLE "user_role" DROP CONSTRAINT "CHK_user_role_scope"`);
    await queryRunner.query(`ALTER TABLE "user_role" DROP COLUMN "region_id"`);
    await queryRunner.query(`ALTER TABLE "user_role" DROP COLUMN "scope_kind"`);
    await queryRunner.query(
      `ALTER TABLE "user_role" ADD CONSTRAINT "CHK_user_role_sponsor_scoped" CHECK ("role" <> 'sponsor' OR "organisation_id" IS NOT NULL)`,
    );
  }
}
