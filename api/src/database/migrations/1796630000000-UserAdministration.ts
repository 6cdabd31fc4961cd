import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Last sign-in kept apart from app_user (see UserSignInEntity), seeded from the sessions still open, and an index
 * for the audit log viewer's actor filter.
 */
export class UserAdministration1796630000000 implements MigrationInterface {
  name = 'UserAdministration1796630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_sign_in" ("user_id" uuid NOT NULL, "last_sign_in_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3517327b3b892664b3b1b55cf01" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_event_actor" ON "audit_event"  ("actor_user_id") `);
    await queryRunner.query(
      `ALTER TABLE "user_sign_in" ADD CONSTRAINT "FK_3517327b3b892664b3b1b55cf01" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "user_sign_in" ("user_id", "last_sign_in_at") SELECT "user_id", max("created_at") FROM "user_session" GROUP BY "user_id"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_sign_in" DROP CONSTRAINT "FK_3517327b3b892664b3b1b55cf01"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_event_actor"`);
    await queryRunner.query(`DROP TABLE "user_sign_in"`);
  }
}
