import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignInFactors1796640000000 implements MigrationInterface {
  name = 'SignInFactors1796640000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-written: TypeORM does not notice a changed CHECK expression. Wrong second-factor codes are throttled.
    await queryRunner.query(`ALTER TABLE "throttle_window" DROP CONSTRAINT "CHK_throttle_window_scope"`);
    await queryRunner.query(
      `ALTER TABLE "throttle_window" ADD CONSTRAINT "CHK_throttle_window_scope" CHECK ("scope" IN ('login-account', 'login-address', 'login-device', 'reset-email', 'reset-address', 'register-email', 'register-address', 'bad-token', 'second-factor'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pending_login" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e10f233b00a59b7a61f96de668f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_pending_login_token_hash" ON "pending_login"  ("token_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_pending_login_user" ON "pending_login"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_pending_login_expires" ON "pending_login"  ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "recovery_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" character(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b7f1e23329e93a80e25fd281922" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_recovery_code_user_hash" ON "recovery_code"  ("user_id", "code_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_second_factor" ("user_id" uuid NOT NULL, "secret" text NOT NULL, "enabled_at" TIMESTAMP WITH TIME ZONE, "last_used_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_91cd5b3ef4496820f0ee584aac0" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "oidc_flow" ("binding_hash" character(64) NOT NULL, "mode" character varying(16) NOT NULL, "link_user_id" uuid, "return_path" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_oidc_flow_mode" CHECK ("mode" IN ('sign-in', 'link')), CONSTRAINT "PK_c381fe474e34c81bc91146b0a1b" PRIMARY KEY ("binding_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_oidc_flow_expires" ON "oidc_flow"  ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "user_identity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "issuer" character varying(500) NOT NULL, "subject" character varying(255) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_87b5856b206b5b77e6e2fa29508" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_user_identity_user" ON "user_identity"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_user_identity_issuer_subject" ON "user_identity"  ("issuer", "subject") `,
    );
    await queryRunner.query(
      `ALTER TABLE "user_session" ADD "method" character varying(16) NOT NULL DEFAULT 'password'`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_session" ADD CONSTRAINT "CHK_user_session_method" CHECK ("method" IN ('password', 'second-factor', 'sso'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "pending_login" ADD CONSTRAINT "FK_f59001bccb93fc1a048f19ffdea" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recovery_code" ADD CONSTRAINT "FK_f5c95d9ca2047afa670093e2028" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_second_factor" ADD CONSTRAINT "FK_91cd5b3ef4496820f0ee584aac0" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_identity" ADD CONSTRAINT "FK_2818839f889ab24f4077437753f" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_identity" DROP CONSTRAINT "FK_2818839f889ab24f4077437753f"`);
    await queryRunner.query(
      `ALTER TABLE "user_second_factor" DROP CONSTRAINT "FK_91cd5b3ef4496820f0ee584aac0"`,
    );
    await queryRunner.query(`ALTER TABLE "recovery_code" DROP CONSTRAINT "FK_f5c95d9ca2047afa670093e2028"`);
    await queryRunner.query(`ALTER TABLE "pending_login" DROP CONSTRAINT "FK_f59001bccb93fc1a048f19ffdea"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "CHK_user_session_method"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP COLUMN "method"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_user_identity_issuer_subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_user_identity_user"`);
    await queryRunner.query(`DROP TABLE "user_identity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_oidc_flow_expires"`);
    await queryRunner.query(`DROP TABLE "oidc_flow"`);
    await queryRunner.query(`DROP TABLE "user_second_factor"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_recovery_code_user_hash"`);
    await queryRunner.query(`DROP TABLE "recovery_code"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_pending_login_expires"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_pending_login_user"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_pending_login_token_hash"`);
    await queryRunner.query(`DROP TABLE "pending_login"`);
    await queryRunner.query(`DELETE FROM "throttle_window" WHERE "scope" = 'second-factor'`);
    await queryRunner.query(`ALTER TABLE "throttle_window" DROP CONSTRAINT "CHK_throttle_window_scope"`);
    await queryRunner.query(
      `ALTER TABLE "throttle_window" ADD CONSTRAINT "CHK_throttle_window_scope" CHECK ("scope" IN ('login-account', 'login-address', 'login-device', 'reset-email', 'reset-address', 'register-email', 'register-address', 'bad-token'))`,
    );
  }
}
