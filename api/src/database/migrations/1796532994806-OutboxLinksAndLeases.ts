import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows say which link to mint at send time (link_purpose, link_subject_id) and carry a lease
 * (claimed_by, lease_until, status 'sending') so messages are sent outside any transaction; 'dropped' is for a
 * message whose link no longer applies.
 */
export class OutboxLinksAndLeases1796532994806 implements MigrationInterface {
  name = 'OutboxLinksAndLeases1796532994806';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD "link_purpose" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD "link_subject_id" uuid`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD "claimed_by" uuid`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD "lease_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "outbox_message" ADD CONSTRAINT "CHK_outbox_link" CHECK (("link_purpose" IS NULL) = ("link_subject_id" IS NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "CHK_outbox_status"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_message" ADD CONSTRAINT "CHK_outbox_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'kept', 'dropped', 'failed'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "outbox_message" SET "status" = 'pending' WHERE "status" = 'sending'`);
    await queryRunner.query(`UPDATE "outbox_message" SET "status" = 'failed' WHERE "status" = 'dropped'`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "CHK_outbox_status"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_message" ADD CONSTRAINT "CHK_outbox_status" CHECK ("status" IN ('pending', 'sent', 'kept', 'failed'))`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "CHK_outbox_link"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "lease_until"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "claimed_by"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "link_subject_id"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "link_purpose"`);
  }
}
