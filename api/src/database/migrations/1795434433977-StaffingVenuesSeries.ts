import { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffingVenuesSeries1795434433977 implements MigrationInterface {
  name = 'StaffingVenuesSeries1795434433977';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Exclusion constraints on (uuid =, range &&) need btree_gist (a trusted extension since PostgreSQL 13).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "calendar_feed" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_29b8f216ae4f5fdd5bcc8de811" UNIQUE ("user_id"), CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_calendar_feed_user" ON "calendar_feed"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_calendar_feed_token" ON "calendar_feed"  ("token") `);
    await queryRunner.query(
      `CREATE TABLE "session_series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "title" character varying(200) NOT NULL, "mode" character varying(20) NOT NULL, "system_id" uuid, "start_date" date NOT NULL, "start_time" character varying(5) NOT NULL, "end_time" character varying(5) NOT NULL, "rrule" character varying(300) NOT NULL, "exceptions" character varying(10) array NOT NULL DEFAULT '{}', "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_077f57f4d4502f888c8874cbbec" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "facilitator_unavailability" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "facilitator_id" uuid NOT NULL, "date" date NOT NULL, CONSTRAINT "PK_292e89d294ea071c704fbb7a6b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_facilitator_unavailability_day" ON "facilitator_unavailability"  ("facilitator_id", "date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "facilitator" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "level" character varying(20) NOT NULL, "session_kinds" character varying(40) array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_7016de7e7cda4cb70a5b9af2f1" UNIQUE ("user_id"), CONSTRAINT "CHK_facilitator_level" CHECK ("level" IN ('trainee', 'co-facilitator', 'lead-facilitator')), CONSTRAINT "PK_d4c242c9c860196b4c264123cd7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_facilitator_user" ON "facilitator"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "venue" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "address" character varying(500) NOT NULL, "capacity" integer NOT NULL, "accessibility_notes" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_venue_capacity" CHECK ("capacity" BETWEEN 1 AND 1000), CONSTRAINT "PK_c53deb6d1bcb088f9d459e7dbc0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_venue_name" ON "venue"  ("name") `);
    await queryRunner.query(
      `CREATE TABLE "session_facilitator" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "facilitator_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "EXCL_session_facilitator_overlap" EXCLUDE USING gist ("facilitator_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("active"), CONSTRAINT "PK_c91824a031de9b3f7e1ef0c1702" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_session_facilitator_facilitator" ON "session_facilitator"  ("facilitator_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_session_facilitator" ON "session_facilitator"  ("session_id", "facilitator_id") `,
    );
    await queryRunner.query(`ALTER TABLE "session" ADD "series_id" uuid`);
    await queryRunner.query(`ALTER TABLE "session" ADD "venue_id" uuid`);
    await queryRunner.query(`ALTER TABLE "session" ADD "join_url" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_eee03d824c14a2a9c9c566ccb16"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_session_cohort_starts"`);
    await queryRunner.query(`ALTER TABLE "session" ALTER COLUMN "cohort_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_session_series" ON "session"  ("series_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_session_cohort_starts" ON "session"  ("cohort_id", "starts_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "CHK_session_belongs" CHECK (("cohort_id" IS NULL) <> ("series_id" IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "EXCL_session_venue" EXCLUDE USING gist ("venue_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" = 'scheduled' AND "venue_id" IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" ADD CONSTRAINT "FK_29b8f216ae4f5fdd5bcc8de8112" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_series" ADD CONSTRAINT "FK_1643970338a478b57f9c6f32794" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_series" ADD CONSTRAINT "FK_c75a0e4c3e445a4d642e18e1098" FOREIGN KEY ("system_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "facilitator_unavailability" ADD CONSTRAINT "FK_b6d9a61d41b6b72d06ff387073a" FOREIGN KEY ("facilitator_id") REFERENCES "facilitator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "facilitator" ADD CONSTRAINT "FK_7016de7e7cda4cb70a5b9af2f1b" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_eee03d824c14a2a9c9c566ccb16" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_077f57f4d4502f888c8874cbbec" FOREIGN KEY ("series_id") REFERENCES "session_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_4bdf6e992c01191c4db95f5f670" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_facilitator" ADD CONSTRAINT "FK_3dde7a394b99e79d23c2604ada6" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_facilitator" ADD CONSTRAINT "FK_9b2dcb4c59109fd0006a1533ce8" FOREIGN KEY ("facilitator_id") REFERENCES "facilitator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "session_facilitator" DROP CONSTRAINT "FK_9b2dcb4c59109fd0006a1533ce8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_facilitator" DROP CONSTRAINT "FK_3dde7a394b99e79d23c2604ada6"`,
    );
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_4bdf6e992c01191c4db95f5f670"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_077f57f4d4502f888c8874cbbec"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_eee03d824c14a2a9c9c566ccb16"`);
    await queryRunner.query(`ALTER TABLE "facilitator" DROP CONSTRAINT "FK_7016de7e7cda4cb70a5b9af2f1b"`);
    await queryRunner.query(
      `ALTER TABLE "facilitator_unavailability" DROP CONSTRAINT "FK_b6d9a61d41b6b72d06ff387073a"`,
    );
    await queryRunner.query(`ALTER TABLE "session_series" DROP CONSTRAINT "FK_c75a0e4c3e445a4d642e18e1098"`);
    await queryRunner.query(`ALTER TABLE "session_series" DROP CONSTRAINT "FK_1643970338a478b57f9c6f32794"`);
    await queryRunner.query(`ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_29b8f216ae4f5fdd5bcc8de8112"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "EXCL_session_venue"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "CHK_session_belongs"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_session_cohort_starts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_session_series"`);
    await queryRunner.query(`ALTER TABLE "session" ALTER COLUMN "cohort_id" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "IDX_session_cohort_starts" ON "session" USING btree ("cohort_id", "starts_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_eee03d824c14a2a9c9c566ccb16" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "join_url"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "venue_id"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "series_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_session_facilitator"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_session_facilitator_facilitator"`);
    await queryRunner.query(`DROP TABLE "session_facilitator"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_venue_name"`);
    await queryRunner.query(`DROP TABLE "venue"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_facilitator_user"`);
    await queryRunner.query(`DROP TABLE "facilitator"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_facilitator_unavailability_day"`);
    await queryRunner.query(`DROP TABLE "facilitator_unavailability"`);
    await queryRunner.query(`DROP TABLE "session_series"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feed_token"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feed_user"`);
    await queryRunner.query(`DROP TABLE "calendar_feed"`);
  }
}
