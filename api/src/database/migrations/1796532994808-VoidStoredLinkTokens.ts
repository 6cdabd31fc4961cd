import { MigrationInterface, QueryRunner } from 'typeorm';

const sha256 = (text: string) => `encode(sha256(convert_to(${text}, 'UTF8')), 'hex')`;
/** A token in an old body: a password link (reset or invitation) or an approval link. */
const TOKEN = String.raw`(reset-password\?token=|/approvals/)([A-Za-z0-9_-]{43})`;
/** The whole link, from the start of its URL. */
const LINK = String.raw`\S*${TOKEN}`;
/** "ends on Thursday 25 March 2027": the day a link ended, written into the old bodies. */
const ENDS_ON = String.raw`ends on [A-Za-z]+ [0-9]{1,2} [A-Za-z]+ [0-9]{4}`;

/**
 * Outbox bodies used to hold live set-password, invitation and approval links in plain text. This voids each of
 * those tokens (password links marked used, approval links given a hash nobody knows the token of) and removes
 * them from the bodies. Messages still waiting to be sent are turned into the placeholder form instead, so
 * they still arrive, with a link minted at send time; sent, kept and failed ones show "[link removed]".
 * Running it again changes nothing.
 */
export class VoidStoredLinkTokens1796532994808 implements MigrationInterface {
  name = 'VoidStoredLinkTokens1796532994808';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TEMPORARY TABLE stored_link AS
       SELECT id, status, subject,
              CASE (regexp_match(text_body, '${TOKEN}'))[1] WHEN '/approvals/' THEN 'approval' ELSE 'password' END AS kind,
              ${sha256(`(regexp_match(text_body, '${TOKEN}'))[2]`)} AS token_hash
       FROM outbox_message WHERE text_body ~ '${TOKEN}'`,
    );
    await queryRunner.query(
      `UPDATE outbox_message m
       SET link_purpose = CASE t.purpose WHEN 'invitation' THEN 'invitation' ELSE 'password-reset' END,
           link_subject_id = t.user_id
       FROM stored_link s JOIN password_reset_token t ON t.token_hash = s.token_hash
       WHERE m.id = s.id AND s.kind = 'password' AND s.status = 'pending'`,
    );
    await queryRunner.query(
      `UPDATE outbox_message m
       SET link_purpose = CASE WHEN s.subject LIKE 'Reminder:%' THEN 'approval-reminder' ELSE 'approval-request' END,
           link_subject_id = a.id
       FROM stored_link s JOIN approval_request a ON a.token_hash = s.token_hash
       WHERE m.id = s.id AND s.kind = 'approval' AND s.status = 'pending' AND a.decision IS NULL`,
    );
    await queryRunner.query(
      `UPDATE outbox_message m
       SET text_body = regexp_replace(regexp_replace(m.text_body, '${LINK}', '{{link}}', 'g'), '${ENDS_ON}', 'ends on {{link-expires-on}}', 'g')
       FROM stored_link s WHERE m.id = s.id AND m.link_purpose IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE outbox_message m SET text_body = regexp_replace(m.text_body, '${LINK}', '[link removed]', 'g')
       FROM stored_link s WHERE m.id = s.id AND m.link_purpose IS NULL`,
    );
    await queryRunner.query(
      `UPDATE password_reset_token SET used_at = now()
       WHERE used_at IS NULL AND token_hash IN (SELECT token_hash FROM stored_link WHERE kind = 'password')`,
    );
    await queryRunner.query(
      `UPDATE approval_request SET token_hash = ${sha256(`gen_random_uuid()::text || gen_random_uuid()::text`)}
       WHERE token_hash IN (SELECT token_hash FROM stored_link WHERE kind = 'approval')`,
    );
    await queryRunner.query(`DROP TABLE stored_link`);
  }

  /** Voided tokens stay void. */
  public async down(): Promise<void> {
    return Promise.resolve();
  }
}
