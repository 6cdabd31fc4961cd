import { ChildProcess, fork } from 'child_process';
import { join } from 'path';
import { MailService } from '../src/modules/mail/mail.service';
import { OutboxWorker } from '../src/modules/mail/outbox-worker.service';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..', '..');

/** Queues `count` plain messages straight into the outbox. */
async function queue(testApp: TestApp, prefix: string, count: number): Promise<void> {
  await testApp.app.get(MailService).enqueue(
    Array.from({ length: count }, (_, index) => ({
      toAddress: `person.${index}@example.nhs.uk`,
      subject: `${prefix} ${index}`,
      textBody: `Message ${index}`,
    })),
  );
}

/** Deliveries per message (by Message-ID, which is the outbox id). */
function deliveries(mails: ReceivedMail[], prefix: string): number[] {
  const counts = new Map<string, number>();
  for (const mail of mails.filter((received) => received.subject.startsWith(prefix)))
    counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
  return [...counts.values()];
}

/** The worker as its own process (the whole app, worker on a short timer), to be killed with SIGKILL. */
function startWorkerProcess(databaseUrl: string, smtpUrl: string): ChildProcess {
  return fork(join(__dirname, 'support', 'outbox-worker-process.ts'), [], {
    cwd: ROOT,
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(ROOT, 'api', 'tsconfig.spec.json'),
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      UPSTAND_WEB_DIST: '/nonexistent',
      MAIL_WORKER_INTERVAL_MS: '50',
      ANALYTICS_WARM_AFTER_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('a worker killed mid-batch', () => {
  const MESSAGES = 20;
  const KILL_AT = 6;
  let testApp: TestApp;
  let smtp: SmtpSink;
  let child: ChildProcess | null = null;
  let killed: Promise<unknown> | null = null;

  beforeAll(async () => {
    // A slow server: each message waits 300 ms for its answer, so the kill lands while one is in flight.
    smtp = await new SmtpSink({
      delayMs: 300,
      onMessage: () => {
        if (child && smtp.received.length === KILL_AT) child.kill('SIGKILL');
      },
    }).start();
    // This instance runs no worker of its own until the test says so (MAIL_WORKER_INTERVAL_MS=0).
    testApp = await createTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await killed;
    await testApp.close();
    await smtp.stop();
  });

  it('delivers every message, at most the one in flight twice, holding no transaction during SMTP', async () => {
    await queue(testApp, 'Crash test', MESSAGES);
    child = startWorkerProcess(testApp.databaseUrl, smtp.url);
    killed = new Promise((resolve) => child!.once('exit', resolve));

    // While the slow server holds a message, the worker is in no transaction (no pooled connection held).
    await until(() => smtp.received.length >= 3, 180_000, 'the worker process to send');
    const [open] = await testApp.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_stat_activity
       WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(open!.count).toBe(0);

    await killed;
    expect(child.signalCode).toBe('SIGKILL');
    const atKill = smtp.received.length;
    expect(atKill).toBe(KILL_AT);
    const [left] = await testApp.sql<{ sent: number; sending: number; pending: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status = 'sending')::int AS sending,
              count(*) FILTER (WHERE status = 'pending')::int AS pending FROM outbox_message`,
    );
    // Each message was marked sent right after its own send: the ones answered before the kill stay sent.
    expect(left!.sent).toBe(KILL_AT - 1);

    // Another worker leaves the dead one's messages alone while its lease lasts…
    const worker = testApp.app.get(OutboxWorker);
    expect(await worker.runOnce()).toBe(0);
    // …and takes them over once it has run out (as if the lease time had passed).
    await testApp.sql(
      `UPDATE outbox_message SET lease_until = now() - interval '1 second' WHERE status = 'sending'`,
    );
    while ((await worker.runOnce()) > 0);

    const counts = deliveries(smtp.received, 'Crash test');
    expect(counts).toHaveLength(MESSAGES);
    expect(counts.filter((count) => count > 1).length).toBeLessThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
    expect(await testApp.sql(`SELECT status FROM outbox_message WHERE status <> 'sent'`)).toEqual([]);
  }, 300_000);
});

describe('two workers on one database', () => {
  let first: TestApp;
  let second: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await new SmtpSink({ delayMs: 20 }).start();
    first = await createTestApp({ SMTP_URL: smtp.url });
    second = await createTestApp({ SMTP_URL: smtp.url }, { sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await smtp.stop();
  });

  it('give back, on shutdown, the messages one claimed but had not started, for the other to send at once', async () => {
    await queue(first, 'Shutdown', 10);
    const worker = first.app.get(OutboxWorker);
    const sending = worker.runOnce();
    // Stop while the first message of the batch is with the (slow) relay.
    await until(
      async () =>
        smtp.received.length > 0 ||
        (
          await first.sql(
            `SELECT 1 FROM outbox_message WHERE subject LIKE 'Shutdown%' AND status = 'sending'`,
          )
        ).length > 0,
      5_000,
      'a claim',
    );
    await worker.onModuleDestroy();
    await sending;
    const rows = (await first.sql(
      `SELECT status, claimed_by AS "claimedBy", attempts FROM outbox_message WHERE subject LIKE 'Shutdown%'`,
    )) as { status: string; claimedBy: string | null; attempts: number }[];
    // At most the one in flight was sent; none of the rest is left waiting for a lease to run out.
    expect(rows.filter((row) => row.status === 'sending')).toEqual([]);
    expect(rows.filter((row) => row.status === 'pending').length).toBeGreaterThanOrEqual(9);
    expect(
      rows
        .filter((row) => row.status === 'pending')
        .every((row) => row.claimedBy === null && row.attempts === 0),
    ).toBe(true);
    const other = second.app.get(OutboxWorker);
    while ((await other.runOnce()) > 0);
    expect(deliveries(smtp.received, 'Shutdown')).toEqual(Array.from({ length: 10 }, () => 1));
  });

  it('never send the same message twice', async () => {
    await queue(first, 'Shared outbox', 60);
    const drain = async (testApp: TestApp) => {
      const worker = testApp.app.get(OutboxWorker);
      while ((await worker.runOnce()) > 0);
    };
    await Promise.all([drain(first), drain(second), drain(first), drain(second)]);
    const counts = deliveries(smtp.received, 'Shared outbox');
    expect(counts).toHaveLength(60);
    expect(counts.every((count) => count === 1)).toBe(true);
  });
});
