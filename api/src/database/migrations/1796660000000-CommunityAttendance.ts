import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance at Community of Practice catch-ups and the celebration event, by person (no enrolment behind it).
 * Impact reads it (the funnel's "active in the Community of Practice"), so writes signal the analytics cache as
 * the other tables it reads do (see AnalyticsChangeSignal).
 */
export class CommunityAttendance1796660000000 implements MigrationInterface {
  name = 'CommunityAttendance1796660000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "community_attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "recorded_by_user_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1a4f908689194d3aac1d3c3ced3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_community_attendance_user" ON "community_attendance"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_community_attendance_session_user" ON "community_attendance"  ("session_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "community_attendance" ADD CONSTRAINT "FK_b15bf2d9567cdaf6b045ea2eb28" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_attendance" ADD CONSTRAINT "FK_aa41a75c203a8e53bf0fe04793b" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "analytics_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "community_attendance"
       FOR EACH STATEMENT EXECUTE FUNCTION "analytics_changed"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "analytics_changed" ON "community_attendance"`);
    await queryRunner.query(
      `ALTER TABLE "community_attendance" DROP CONSTRAINT "FK_aa41a75c203a8e53bf0fe04793b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "community_attendance" DROP CONSTRAINT "FK_b15bf2d9567cdaf6b045ea2eb28"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_community_attendance_session_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_community_attendance_user"`);
    await queryRunner.query(`DROP TABLE "community_attendance"`);
  }
}
