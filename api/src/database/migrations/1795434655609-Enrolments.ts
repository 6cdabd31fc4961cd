import { MigrationInterface, QueryRunner } from 'typeorm';

export class Enrolments1795434655609 implements MigrationInterface {
  name = 'Enrolments1795434655609';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // First come, first served on the waiting list, across concurrent transactions.
    await queryRunner.query(`CREATE SEQUENCE "enrolment_waitlist_rank_seq"`);
    await queryRunner.query(
      `CREATE TABLE "delegate_profile" ("user_id" uuid NOT NULL, "job_title" character varying(200) NOT NULL, "staff_group" character varying(60) NOT NULL, "pay_scheme" character varying(40) NOT NULL, "pay_band" character varying(3), "line_manager_name" character varying(200) NOT NULL, "line_manager_email" character varying(320) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_delegate_profile_pay_band" CHECK (("pay_scheme" = 'agenda-for-change') = ("pay_band" IS NOT NULL) AND ("pay_band" IS NULL OR "pay_band" IN ('2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'))), CONSTRAINT "CHK_delegate_profile_pay_scheme" CHECK ("pay_scheme" IN ('agenda-for-change', 'medical-and-dental', 'very-senior-manager', 'non-nhs-or-social-care')), CONSTRAINT "CHK_delegate_profile_staff_group" CHECK ("staff_group" IN ('Medical and Dental', 'Students', 'Nursing and Midwifery Registered', 'Allied Health Professionals', 'Additional Professional Scientific and Technical', 'Healthcare Scientists', 'Additional Clinical Services', 'Administrative and Clerical', 'Estates and Ancillary', 'Supplementary Roles')), CONSTRAINT "PK_1c62080004fd0c59fd5ed88882e" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "equality_monitoring" ("user_id" uuid NOT NULL, "ethnic_category" character varying(2), "disability" character varying(20), "sex" character varying(20), "age_band" character varying(20), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_equality_age_band" CHECK ("age_band" IS NULL OR "age_band" IN ('16-24', '25-34', '35-44', '45-54', '55-64', '65-plus', 'prefer-not-to-say')), CONSTRAINT "CHK_equality_sex" CHECK ("sex" IS NULL OR "sex" IN ('female', 'male', 'other', 'prefer-not-to-say')), CONSTRAINT "CHK_equality_disability" CHECK ("disability" IS NULL OR "disability" IN ('yes', 'no', 'prefer-not-to-say')), CONSTRAINT "CHK_equality_ethnic_category" CHECK ("ethnic_category" IS NULL OR "ethnic_category" IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z')), CONSTRAINT "PK_60c775c12fe32193384803b1c19" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "enrolment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "delegate_user_id" uuid NOT NULL, "status" character varying(20) NOT NULL, "waitlist_rank" bigint, "offer_expires_at" TIMESTAMP WITH TIME ZONE, "transferred_from_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_at" TIMESTAMP WITH TIME ZONE, "waitlisted_at" TIMESTAMP WITH TIME ZONE, "offered_at" TIMESTAMP WITH TIME ZONE, "declined_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "did_not_complete_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_enrolment_offer" CHECK ("status" <> 'offered' OR "offer_expires_at" IS NOT NULL), CONSTRAINT "CHK_enrolment_status" CHECK ("status" IN ('pending-approval', 'confirmed', 'waitlisted', 'offered', 'declined', 'withdrawn', 'completed', 'did-not-complete')), CONSTRAINT "PK_5d2679f6c891d77c58aa0e05f2b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_enrolment_delegate" ON "enrolment"  ("delegate_user_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_enrolment_cohort_status" ON "enrolment"  ("cohort_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_enrolment_active_per_programme" ON "enrolment"  ("programme_id", "delegate_user_id") WHERE "status" IN ('pending-approval', 'confirmed', 'waitlisted', 'offered', 'completed')`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD "requires_manager_approval" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "programme" ADD "offer_hold_hours" integer NOT NULL DEFAULT '48'`);
    await queryRunner.query(
      `ALTER TABLE "cohort" ADD "restricted_system_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "cohort" ADD "signups_open" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(
      `ALTER TABLE "delegate_profile" ADD CONSTRAINT "FK_1c62080004fd0c59fd5ed88882e" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "equality_monitoring" ADD CONSTRAINT "FK_60c775c12fe32193384803b1c19" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "FK_649944e35911addb4512719a32a" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "FK_a680aa1bc443abb2512f0e241fd" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "FK_9a3b7b36494a600ab4e332fee9e" FOREIGN KEY ("delegate_user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE "enrolment_waitlist_rank_seq"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP CONSTRAINT "FK_9a3b7b36494a600ab4e332fee9e"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP CONSTRAINT "FK_a680aa1bc443abb2512f0e241fd"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP CONSTRAINT "FK_649944e35911addb4512719a32a"`);
    await queryRunner.query(
      `ALTER TABLE "equality_monitoring" DROP CONSTRAINT "FK_60c775c12fe32193384803b1c19"`,
    );
    await queryRunner.query(
      `ALTER TABLE "delegate_profile" DROP CONSTRAINT "FK_1c62080004fd0c59fd5ed88882e"`,
    );
    await queryRunner.query(`ALTER TABLE "cohort" DROP COLUMN "signups_open"`);
    await queryRunner.query(`ALTER TABLE "cohort" DROP COLUMN "restricted_system_ids"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "offer_hold_hours"`);
    await queryRunner.query(`ALTER TABLE "programme" DROP COLUMN "requires_manager_approval"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_enrolment_active_per_programme"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_enrolment_cohort_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_enrolment_delegate"`);
    await queryRunner.query(`DROP TABLE "enrolment"`);
    await queryRunner.query(`DROP TABLE "equality_monitoring"`);
    await queryRunner.query(`DROP TABLE "delegate_profile"`);
  }
}
