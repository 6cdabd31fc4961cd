import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lists that scale (issue 12): the mailbox pages newest first, and a line manager's team is found by the
 * manager's address on the delegate's profile; without these both read the whole table for every page.
 */
export class ListIndexes1796710000000 implements MigrationInterface {
  name = 'ListIndexes1796710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_outbox_created" ON "outbox_message" ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_delegate_profile_line_manager" ON "delegate_profile" ("line_manager_email") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_delegate_profile_line_manager"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outbox_created"`);
  }
}
