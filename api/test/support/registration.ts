import { ACTIVATION_SUBJECT } from '../../src/modules/auth/registration.service';
import { ApiClient, TestApp } from './test-app';

export interface NewAccount {
  email: string;
  fullName: string;
  password: string;
  organisationId?: string | null;
  returnUrl?: string;
}

/** The token of the newest activation link the outbox kept for this address (demo mode keeps what it would send). */
export async function keptActivationToken(testApp: TestApp, email: string): Promise<string> {
  const [message] = await testApp.sql<{ text_body: string }>(
    `SELECT text_body FROM outbox_message WHERE to_address = $1 AND subject = $2 AND status = 'kept'
     ORDER BY created_at DESC LIMIT 1`,
    [email.toLowerCase(), ACTIVATION_SUBJECT],
  );
  const token = /\/activate\?token=([A-Za-z0-9_-]+)/.exec(message?.text_body ?? '')?.[1];
  if (!token) throw new Error(`No activation link was kept for ${email}`);
  return token;
}

/**
 * Registers as a person would: asks for the account, lets the outbox send (keep) the email, follows the link and
 * chooses the password. Returns the browser, signed in. `linkToken` reads the token elsewhere (e.g. a real SMTP
 * server) when mail is not kept in the app.
 */
export async function registerAndActivate(
  testApp: TestApp,
  account: NewAccount,
  linkToken: (email: string) => Promise<string> = (email) => keptActivationToken(testApp, email),
): Promise<ApiClient> {
  const client = await testApp.client();
  const { password, ...request } = account;
  const asked = await client.post('/api/auth/register').send(request);
  if (asked.status !== 202)
    throw new Error(`Registration refused: ${asked.status} ${JSON.stringify(asked.body)}`);
  // Everything queued so far goes out (the activation email may be behind others in the outbox).
  await testApp.sendOutbox();
  const token = await linkToken(account.email);
  const activated = await client.post('/api/auth/activate').send({ token, password });
  if (activated.status !== 200)
    throw new Error(`Activation refused: ${activated.status} ${JSON.stringify(activated.body)}`);
  return client;
}
