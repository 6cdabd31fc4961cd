import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795435109674 implements MigrationInterface {
  name = 'Outbox1795435109674';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedupe_key" character varying(200), "to_address" character varying(320) NOT NULL, "subject" character varying(300) NOT NULL, "text_body" text NOT NULL, "ics" text, "ics_method" character varying(10), "status" character varying(10) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(1000), "send_after" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_outbox_status" CHECK ("status" IN ('pending', 'sent', 'kept', 'failed')), CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_outbox_dedupe_key" ON "outbox_message"  ("dedupe_key") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_outbox_due" ON "outbox_message"  ("status", "send_after") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_outbox_due"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_outbox_dedupe_key"`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
  }
}
