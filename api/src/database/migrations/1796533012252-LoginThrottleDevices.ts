import { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginThrottleDevices1796533012252 implements MigrationInterface {
  name = 'LoginThrottleDevices1796533012252';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trusted_device" ("token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_97e5d56f7228acf9f05dba9018c" PRIMARY KEY ("token_hash", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_trusted_device_user" ON "trusted_device"  ("user_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_trusted_device_last_used" ON "trusted_device"  ("last_used_at") `,
    );
    await queryRunner.query(`ALTER TABLE "throttle_window" ADD "next_at" TIMESTAMP WITH TIME ZONE`);
    // Sign-in windows were counted per (address, email); they are now per account, address and device.
    await queryRunner.query(`DELETE FROM "throttle_window" WHERE "scope" = 'login'`);
    await queryRunner.query(`ALTER TABLE "throttle_window" DROP CONSTRAINT "CHK_throttle_window_scope"`);
    await queryRunner.query(
      `ALTER TABLE "throttle_window" ADD CONSTRAINT "CHK_throttle_window_scope" CHECK ("scope" IN ('login-account', 'login-address', 'login-device', 'reset-email', 'reset-address', 'register-email', 'register-address', 'bad-token'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "trusted_device" ADD CONSTRAINT "FK_5689b37d4f849c0a742587e6685" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trusted_device" DROP CONSTRAINT "FK_5689b37d4f849c0a742587e6685"`);
    await queryRunner.query(`DELETE FROM "throttle_window" WHERE "scope" NOT IN ('reset-email', 'reset-address')`);
    await queryRunner.query(`ALTER TABLE "throttle_window" DROP CONSTRAINT "CHK_throttle_window_scope"`);
    await queryRunner.query(
      `ALTER TABLE "throttle_window" ADD CONSTRAINT "CHK_throttle_window_scope" CHECK ("scope" IN ('login', 'reset-email', 'reset-address'))`,
    );
    await queryRunner.query(`ALTER TABLE "throttle_window" DROP COLUMN "next_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trusted_device_last_used"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trusted_device_user"`);
    await queryRunner.query(`DROP TABLE "trusted_device"`);
  }
}
