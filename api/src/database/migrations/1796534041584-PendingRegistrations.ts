import { MigrationInterface, QueryRunner } from 'typeorm';

export class PendingRegistrations1796534041584 implements MigrationInterface {
  name = 'PendingRegistrations1796534041584';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pending_registration" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "full_name" character varying(200) NOT NULL, "organisation_id" uuid, "return_path" character varying(500), "token_hash" character(64), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_63e892e181e9c3409e02ed84827" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_pending_registration_email" ON "pending_registration"  ("email") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_pending_registration_token_hash" ON "pending_registration"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_pending_registration_expires" ON "pending_registration"  ("expires_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "pending_registration" ADD CONSTRAINT "FK_174057c5706fdf54e62c5440eda" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "pending_registration" DROP CONSTRAINT "FK_174057c5706fdf54e62c5440eda"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_pending_registration_expires"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_pending_registration_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_pending_registration_email"`);
    await queryRunner.query(`DROP TABLE "pending_registration"`);
  }
}
