import { MigrationInterface, QueryRunner } from 'typeorm';

export class PasswordResetTokens1796513116688 implements MigrationInterface {
  name = 'PasswordResetTokens1796513116688';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_reset_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "purpose" character varying(12) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_password_reset_token_purpose" CHECK ("purpose" IN ('reset', 'invitation')), CONSTRAINT "PK_838af121380dfe3a6330e04f5bb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_password_reset_token_hash" ON "password_reset_token"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_password_reset_token_user" ON "password_reset_token"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "password_reset_token" ADD CONSTRAINT "FK_7eabb22ed38459ffc24dc8b415d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "password_reset_token" DROP CONSTRAINT "FK_7eabb22ed38459ffc24dc8b415d"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_password_reset_token_user"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_password_reset_token_hash"`);
    await queryRunner.query(`DROP TABLE "password_reset_token"`);
  }
}
