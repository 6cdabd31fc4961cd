import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApprovalsAttendance1795435410463 implements MigrationInterface {
  name = 'ApprovalsAttendance1795435410463';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "approval_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrolment_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "manager_email" character varying(320) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "decision" character varying(10), "decided_by_user_id" uuid, CONSTRAINT "REL_e97e0ada5ddf50861e43c4d3ab" UNIQUE ("enrolment_id"), CONSTRAINT "CHK_approval_decision" CHECK ("decision" IS NULL OR "decision" IN ('approved', 'declined')), CONSTRAINT "PK_7ec7f6581285148e265d3415327" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_approval_request_enrolment" ON "approval_request"  ("enrolment_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_approval_request_token" ON "approval_request"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_approval_request_manager" ON "approval_request"  ("manager_email") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "enrolment_id" uuid NOT NULL, "status" character varying(10) NOT NULL, "method" character varying(20) NOT NULL DEFAULT 'register', "recorded_by_user_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_attendance_method" CHECK ("method" IN ('register', 'self-check-in')), CONSTRAINT "CHK_attendance_status" CHECK ("status" IN ('present', 'late', 'absent', 'apologies')), CONSTRAINT "PK_ee0ffe42c1f1a01e72b725c0cb2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_attendance_enrolment" ON "attendance"  ("enrolment_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_attendance_session_enrolment" ON "attendance"  ("session_id", "enrolment_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "journey_template" ADD "completion_rule" jsonb NOT NULL DEFAULT '{"workshop": "all", "action-learning-set": 4}'::jsonb`,
    );
    // Existing templates get the default rule; new ones always state theirs.
    await queryRunner.query(`ALTER TABLE "journey_template" ALTER COLUMN "completion_rule" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "session" ADD "check_in_code" character varying(8)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_session_check_in_code" ON "session"  ("check_in_code") `,
    );
    await queryRunner.query(
      `ALTER TABLE "approval_request" ADD CONSTRAINT "FK_e97e0ada5ddf50861e43c4d3abe" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_5940f7beb6d791a618dbf88361e" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_619475bdf0b3bec25febcf4c25e" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_619475bdf0b3bec25febcf4c25e"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_5940f7beb6d791a618dbf88361e"`);
    await queryRunner.query(
      `ALTER TABLE "approval_request" DROP CONSTRAINT "FK_e97e0ada5ddf50861e43c4d3abe"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_session_check_in_code"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "check_in_code"`);
    await queryRunner.query(`ALTER TABLE "journey_template" DROP COLUMN "completion_rule"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_attendance_session_enrolment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_attendance_enrolment"`);
    await queryRunner.query(`DROP TABLE "attendance"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_approval_request_manager"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_approval_request_token"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_approval_request_enrolment"`);
    await queryRunner.query(`DROP TABLE "approval_request"`);
  }
}
