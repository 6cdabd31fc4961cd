import { spawn, spawnSync } from 'child_process';
import { Client } from 'pg';
// The integration tests' way to make many signed-in delegates without an argon2 sign-in each.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { insertDelegatesWithSessions } from '../../api/test/support/load-delegates';
import { startNginx, RunningNginx } from './support/nginx';
import { API_MAIN, WORKSPACE } from './support/paths';
import { freePort, RunningServer, startServer } from './support/server';
import { SiteClient, SiteResponse } from './support/site-client';
import { SmtpSink } from './support/smtp';
import { CLEAN_ENV, externalDatabase, PRODUCTION_SETTINGS } from './support/production';

/**
 * What a region outgrowing one machine runs (docs/operations.md, Scaling): nginx with the deployed site
 * configuration (deploy/nginx/upstand.conf) in front of two production instances of the built API on one
 * PostgreSQL database. Everything a person does goes through the proxy and lands on either instance.
 */
describe('two instances behind nginx', () => {
  const database = externalDatabase('upstand_e2e_proxy');
  const databaseUrl = database.url;
  const LEAD = { email: 'lead@proxy-test.nhs.uk', password: 'a proxy test password' };
  const ADDRESS_LIMIT = 4;
  const smtp = new SmtpSink();
  let production: Record<string, string>;
  let db: Client;
  let instances: RunningServer[] = [];
  let nginx: RunningNginx;
  let lead: SiteClient;
  let programmeId: string;

  const client = (localAddress?: string) => new SiteClient(nginx.httpsPort, nginx.certificate, localAddress);
  const upstreams = (responses: SiteResponse[]) =>
    Promise.all(responses.map((response) => nginx.upstreamOf(response.requestId)));
  const addresses = () => instances.map((instance) => `127.0.0.1:${instance.port}`);

  beforeAll(async () => {
    const started = Date.now();
    await database.create();
    await smtp.start();
    production = {
      ...PRODUCTION_SETTINGS,
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      MIGRATE_ON_START: 'false',
      // nginx reaches the instances from 127.0.0.1; clients come from other loopback addresses.
      TRUST_PROXY: '127.0.0.1',
      LOGIN_ADDRESS_LIMIT: String(ADDRESS_LIMIT),
      // Both workers poll often, so they really do race for the same messages.
      MAIL_WORKER_INTERVAL_MS: '100',
      DATABASE_POOL_MAX: '10',
    };
    // The release step (docs/operations.md, Upgrades).
    const migrate = spawnSync(process.execPath, [API_MAIN.replace(/main\.js$/, 'migrate.js')], {
      env: { ...CLEAN_ENV, ...production },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect({ status: migrate.status, stderr: migrate.stderr }).toEqual({ status: 0, stderr: '' });
    const ports = [await freePort(), await freePort()];
    // The first instance loads the reference data (the lead's region); then the first programme lead is created
    // as on a first installation (README, "First sign-in in production") while the second instance starts.
    instances = [await startServer({ port: ports[0], env: production })];
    const [second, created] = await Promise.all([
      startServer({ port: ports[1], env: production }),
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            'tools/create-user.mjs',
            '--email',
            LEAD.email,
            '--name',
            'Proxy Lead',
            '--role',
            'programme-lead',
            '--password-stdin',
          ],
          {
            cwd: WORKSPACE,
            env: { ...CLEAN_ENV, DATABASE_URL: databaseUrl },
            stdio: ['pipe', 'ignore', 'pipe'],
          },
        );
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (status) => resolve({ status, stderr }));
        child.stdin.end(LEAD.password);
      }),
    ]);
    instances.push(second);
    expect(created).toEqual({ status: 0, stderr: '' });
    nginx = await startNginx({
      httpsPort: await freePort(),
      httpPort: await freePort(),
      upstreams: addresses(),
    });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    console.log(`Migrations, two instances, the lead and nginx ready in ${Date.now() - started} ms`);
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    if (instances.length === 0) console.log('Instances did not start');
    await nginx?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await smtp.stop();
    await database.drop();
  });

  it('signs in on one instance and serves the session from the other, over HTTPS with Secure cookies', async () => {
    lead = client();
    const login = await lead.send('POST', '/api/auth/login', { email: LEAD.email, password: LEAD.password });
    expect(login.status).toBe(200);
    // X-Forwarded-Proto from the trusted proxy: the app knows the browser used HTTPS.
    const sessionCookie = (login.headers['set-cookie'] as string[]).find((cookie) =>
      cookie.startsWith('upstand_session='),
    );
    expect(sessionCookie).toMatch(/; Secure/);
    const signedInOn = await nginx.upstreamOf(login.requestId);

    const after = await Promise.all(Array.from({ length: 4 }, () => lead.fetch('GET', '/api/auth/me')));
    expect(after.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(after.map((response) => response.json()['email'])).toEqual(Array(4).fill(LEAD.email));
    const servedBy = new Set(await upstreams(after));
    expect([...servedBy].sort()).toEqual(addresses().sort());
    expect(servedBy.has(addresses().find((address) => address !== signedInOn) as string)).toBe(true);

    const programmes = await lead.fetch('GET', '/api/programmes');
    programmeId = programmes.json<{ id: string }[]>()[0]?.id as string;
    expect(programmeId).toBeDefined();
  });

  it('accepts a CSRF token from either instance on the other, and refuses a missing or wrong one on both', async () => {
    const create = (headers: Record<string, string>) =>
      lead.fetch('POST', '/api/cohorts', {
        body: {
          programmeId,
          name: 'CSRF cohort',
          startDate: '2027-05-13',
          capacity: 5,
          systemOdsCode: 'QK1',
        },
        headers,
      });
    const tokens: SiteResponse[] = [];
    const created: SiteResponse[] = [];
    for (let i = 0; i < 4; i++) {
      const token = await lead.fetch('GET', '/api/auth/csrf');
      tokens.push(token);
      created.push(await create({ 'X-XSRF-TOKEN': token.json<{ token: string }>().token }));
    }
    expect(created.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    const tokenFrom = await upstreams(tokens);
    const usedOn = await upstreams(created);
    expect(tokenFrom.some((from, i) => from !== usedOn[i])).toBe(true);

    const refused = await Promise.all([
      create({}),
      create({}),
      create({ 'X-XSRF-TOKEN': 'x'.repeat(43) }),
      create({ 'X-XSRF-TOKEN': 'x'.repeat(43) }),
    ]);
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403]);
    expect(refused[0]?.json()['message']).toMatch(/CSRF token/);
    expect(new Set(await upstreams(refused)).size).toBe(2);
  });

  it("throttles sign-in by the address nginx saw: not the proxy's, not one the client forged", async () => {
    const guess = (from: SiteClient, token: string, forged: string) =>
      from.fetch('POST', '/api/auth/login', {
        body: {
          email: `nobody.${Math.random().toString(36).slice(2)}@example.nhs.uk`,
          password: 'wrong guess',
        },
        headers: { 'X-XSRF-TOKEN': token, 'X-Forwarded-For': forged },
      });
    const guesser = client('127.0.0.2');
    // One CSRF token (bound to this browser's pre-session cookie) for every guess, so round robin spreads the
    // guesses themselves over both instances.
    const token = await guesser.csrf();
    const guesses: SiteResponse[] = [];
    for (let i = 0; i < ADDRESS_LIMIT; i++) guesses.push(await guess(guesser, token, `198.51.100.${i + 1}`));
    expect(guesses.map((response) => response.status)).toEqual(Array(ADDRESS_LIMIT).fill(401));
    expect(new Set(await upstreams(guesses)).size).toBe(2);
    // Over the limit for 127.0.0.2 whichever instance answers and whatever address it claims to forward for.
    const over = await Promise.all([
      guess(guesser, token, '198.51.100.99'),
      guess(guesser, token, '198.51.100.98'),
    ]);
    expect(over.map((response) => response.status)).toEqual([429, 429]);
    // Someone else behind the same proxy is not caught by it.
    const other = client('127.0.0.3');
    expect((await guess(other, await other.csrf(), '198.51.100.1')).status).toBe(401);
  });

  describe('a cohort with 5 places and 30 people signing up at once', () => {
    const CAPACITY = 5;
    const PEOPLE = 30;
    const cohortName = `Proxy cohort ${Date.now()}`;
    let cohortId: string;
    let delegates: SiteClient[];
    let enrolments: { id: string; status: string }[];
    let impactBefore: unknown[];
    /** The first three on the waiting list after the sign-ups, in order. */
    let waitingList: { id: string; email: string }[];
    const waitingStatuses = async () =>
      (
        await db.query(`SELECT status FROM enrolment WHERE id = ANY($1) ORDER BY array_position($1, id)`, [
          waitingList.map((row) => row.id),
        ])
      ).rows.map((row) => row.status as string);

    /** The same Impact request to each instance directly (so each one answers, not whichever nginx picks). */
    const impactFromEach = () =>
      Promise.all(
        instances.map(async (instance) => {
          const response = await fetch(`${instance.url}/api/analytics/funnel?programmeId=${programmeId}`, {
            headers: { Cookie: `upstand_session=${lead.cookies.get('upstand_session')}` },
          });
          expect(response.status).toBe(200);
          return response.json();
        }),
      );
    const outboxDrained = async () => {
      for (let tries = 0; tries < 200; tries++) {
        const [{ waiting }] = (
          await db.query(
            `SELECT count(*)::int AS waiting FROM outbox_message WHERE status IN ('pending', 'sending')`,
          )
        ).rows as { waiting: number }[];
        if (waiting === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('The outbox did not drain within 20 s');
    };
    const mailAbout = (subject: string) => smtp.received.filter((mail) => mail.subject === subject);

    beforeAll(async () => {
      // Both instances have computed (and cached) the figures before anything changes.
      impactBefore = await impactFromEach();
      expect(impactBefore[1]).toEqual(impactBefore[0]);
      const cohort = await lead.send('POST', '/api/cohorts', {
        programmeId,
        name: cohortName,
        startDate: '2027-06-10',
        capacity: CAPACITY,
        systemOdsCode: 'QK1',
      });
      expect(cohort.status).toBe(201);
      cohortId = cohort.json<{ id: string }>().id;
      const sessions = await insertDelegatesWithSessions(db, PEOPLE, 'RWE');
      delegates = sessions.map((token) => {
        const delegate = client();
        delegate.cookies.set('upstand_session', token);
        return delegate;
      });
    });

    it('confirms exactly as many as there are places, whichever instance each sign-up reached', async () => {
      const responses = await Promise.all(
        delegates.map((delegate) => delegate.send('POST', `/api/cohorts/${cohortId}/enrolments`)),
      );
      expect(
        responses.filter((response) => response.status !== 201).map((response) => response.body),
      ).toEqual([]);
      enrolments = responses.map((response) => response.json<{ id: string; status: string }>());
      const statuses = enrolments.map((enrolment) => enrolment.status);
      expect(statuses.filter((status) => status === 'confirmed')).toHaveLength(CAPACITY);
      expect(statuses.filter((status) => status === 'waitlisted')).toHaveLength(PEOPLE - CAPACITY);
      expect(new Set(await upstreams(responses)).size).toBe(2);
      const { rows } = await db.query(
        `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed, count(*)::int AS total
         FROM enrolment WHERE cohort_id = $1`,
        [cohortId],
      );
      expect(rows[0]).toEqual({ confirmed: CAPACITY, total: PEOPLE });
    });

    it('offers a place given back to the first person waiting, and lets the offer lapse', async () => {
      const withdrawing = enrolments.findIndex((enrolment) => enrolment.status === 'confirmed');
      const withdraw = await delegates[withdrawing]!.send(
        'POST',
        `/api/enrolments/${enrolments[withdrawing]!.id}/withdraw`,
      );
      expect(withdraw.status).toBe(200);
      waitingList = (
        await db.query(
          `SELECT e.id, u.email FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id
           WHERE e.cohort_id = $1 AND e.waitlist_rank IS NOT NULL ORDER BY e.waitlist_rank LIMIT 3`,
          [cohortId],
        )
      ).rows as { id: string; email: string }[];
      expect(await waitingStatuses()).toEqual(['offered', 'waitlisted', 'waitlisted']);
      // 48 hours pass for the first person's offer. The job runs at the start of every minute on both
      // instances; the other tests run meanwhile, and the last one waits for it.
      await db.query(`UPDATE enrolment SET offer_expires_at = now() - interval '1 minute' WHERE id = $1`, [
        waitingList[0]!.id,
      ]);
    });

    it('sends each person exactly one email though both instances send the outbox', async () => {
      await outboxDrained();
      const confirmed = mailAbout(`Your place on ${cohortName} is confirmed`);
      const waiting = mailAbout(`You are on the waiting list for ${cohortName}`);
      expect([confirmed.length, waiting.length]).toEqual([CAPACITY, PEOPLE - CAPACITY]);
      const recipients = [...confirmed, ...waiting].map((mail) => mail.to);
      expect(new Set(recipients).size).toBe(PEOPLE);
    });

    it('gives the same Impact figures from each instance after the change', async () => {
      // A report waits only briefly for the change log (IMPACT_READ_WAIT_MS); the instances' turns apply the
      // rest within a second or so, after which both answer alike.
      let after = await impactFromEach();
      const settled = () =>
        JSON.stringify(after[1]) === JSON.stringify(after[0]) &&
        JSON.stringify(after[0]) !== JSON.stringify(impactBefore[0]);
      for (let tries = 0; tries < 50 && !settled(); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        after = await impactFromEach();
      }
      expect(after[1]).toEqual(after[0]);
      expect(after[0]).not.toEqual(impactBefore[0]);
    });

    it('passes the lapsed offer on once, though both instances run the job at the same second', async () => {
      const [first, second] = waitingList;
      const deadline = Date.now() + 75_000;
      while ((await waitingStatuses())[0] !== 'declined') {
        if (Date.now() > deadline) throw new Error('No instance passed the lapsed offer on within 75 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // Give the slower instance time to do (or not do) its part.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await outboxDrained();

      expect(await waitingStatuses()).toEqual(['declined', 'offered', 'waitlisted']);
      const { rows } = await db.query(
        `SELECT count(*)::int AS count FROM audit_event WHERE action = 'enrolment.offer-expired' AND entity_id = $1`,
        [first!.id],
      );
      expect(rows[0]).toEqual({ count: 1 });
      const offers = mailAbout(`A place on ${cohortName} is yours if you want it`).map((mail) => mail.to);
      expect(offers.sort()).toEqual([first!.email, second!.email].sort());
    }, 100_000);
  });
});
