import { randomBytes } from 'crypto';

interface Queryable {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Creates `count` delegate accounts (with a delegate profile) in `organisationOdsCode` and a live session for
 * each, straight in the database: load tests need hundreds of signed-in delegates without hundreds of argon2
 * sign-ins. Returns the session tokens (cookie values).
 */
export async function insertDelegatesWithSessions(
  sql: Queryable,
  count: number,
  organisationOdsCode = 'RWE',
): Promise<string[]> {
  const run = randomBytes(4).toString('hex');
  const tokens = Array.from({ length: count }, () => randomBytes(32).toString('base64url'));
  await sql.query(
    `WITH org AS (SELECT id FROM organisation WHERE ods_code = $3),
     users AS (
       INSERT INTO app_user (email, full_name, password_hash, organisation_id)
       SELECT 'load-' || $1 || '-' || n || '@nhs.test', 'Load Delegate ' || n, 'not-a-hash', (SELECT id FROM org)
       FROM generate_series(1, $2) AS n RETURNING id, email
     ),
     roles AS (INSERT INTO user_role (user_id, role) SELECT id, 'delegate' FROM users),
     profiles AS (
       INSERT INTO delegate_profile (user_id, job_title, staff_group, pay_scheme, pay_band, line_manager_name, line_manager_email)
       SELECT id, 'Healthcare assistant', 'Additional Clinical Services', 'agenda-for-change', '3', 'Helen Carter', 'manager@demo.upstand.test' FROM users
     )
     INSERT INTO user_session (token_hash, user_id, expires_at)
     SELECT encode(sha256(convert_to(t.token, 'UTF8')), 'hex'), u.id, now() + interval '1 hour'
     FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users) u
     JOIN (SELECT token, row_number() OVER () AS n FROM unnest($4::text[]) AS token) t ON t.n = u.n`,
    [run, count, organisationOdsCode, tokens],
  );
  return tokens;
}
