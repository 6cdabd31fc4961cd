import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feeds keep only the SHA-256 of their token. Existing tokens are hashed in place, so existing
 * subscriptions keep working (their URLs just cannot be shown again).
 */
export class HashCalendarFeedTokens1796532994807 implements MigrationInterface {
  name = 'HashCalendarFeedTokens1796532994807';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feed_token"`);
    await queryRunner.query(`ALTER TABLE "calendar_feed" RENAME COLUMN "token" TO "token_hash"`);
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" ALTER COLUMN "token_hash" TYPE character(64)
       USING encode(sha256(convert_to("token_hash", 'UTF8')), 'hex')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_calendar_feed_token" ON "calendar_feed"  ("token_hash") `,
    );
  }

  /** Hashed feed tokens cannot be turned back: after going down, every user makes a new feed URL. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feed_token"`);
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" ALTER COLUMN "token_hash" TYPE character varying(64)`,
    );
    await queryRunner.query(`ALTER TABLE "calendar_feed" RENAME COLUMN "token_hash" TO "token"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_calendar_feed_token" ON "calendar_feed" USING btree ("token") `,
    );
  }
}
