import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure deletes the emails about a person: to their address, with a link about them, or (once sent) naming
 * them in the subject, body or address. With nothing to find those by, each erasure read the whole outbox: 57% of
 * a national retention pass (9.6 ms a person with 12,700 messages, and growing with every message kept). Now each
 * arm of that condition has an index, so PostgreSQL ORs the few matching rows together: trigram indexes (pg_trgm,
 * a trusted extension shipped with PostgreSQL) for the names matched anywhere in the text.
 */
export class OutboxErasureIndexes1796870000000 implements MigrationInterface {
  name = 'OutboxErasureIndexes1796870000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "IDX_outbox_to_lower" ON "outbox_message" (lower("to_address"))`);
    await queryRunner.query(`CREATE INDEX "IDX_outbox_link_subject" ON "outbox_message" ("link_subject_id")`);
    for (const [name, column] of [
      ['IDX_outbox_to_trgm', 'to_address'],
      ['IDX_outbox_subject_trgm', 'subject'],
      ['IDX_outbox_text_trgm', 'text_body'],
    ])
      await queryRunner.query(`CREATE INDEX "${name}" ON "outbox_message" USING gin ("${column}" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'IDX_outbox_text_trgm',
      'IDX_outbox_subject_trgm',
      'IDX_outbox_to_trgm',
      'IDX_outbox_link_subject',
      'IDX_outbox_to_lower',
    ])
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
  }
}
