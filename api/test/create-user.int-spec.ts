import { DataSource } from 'typeorm';
import { createUser, CreateUserError } from '../src/database/create-user';
import { createTestApp, TestApp } from './support/test-app';

describe('creating users from the command line (user:create)', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await createTestApp();
    dataSource = testApp.app.get(DataSource);
  });
  afterAll(() => testApp.close());

  const signIn = async (email: string, password: string) =>
    (await testApp.client()).post('/api/auth/login').send({ email, password });

  const rolesOf = (userId: string) =>
    testApp.sql<{ role: string; ods_code: string | null }>(
      `SELECT r.role, o.ods_code FROM user_role r LEFT JOIN organisation o ON o.id = r.organisation_id
       WHERE r.user_id = $1 ORDER BY r.role`,
      [userId],
    );

  const auditFor = (userId: string) =>
    testApp.sql<{ action: string; actor_user_id: string | null; details: { fields: string[] } }>(
      `SELECT action, actor_user_id, details FROM audit_event
       WHERE entity_type = 'user' AND entity_id = $1 AND action LIKE 'user.%' ORDER BY id`,
      [userId],
    );

  it('creates a programme lead who can then sign in and act as one', async () => {
    const result = await createUser(dataSource, {
      email: '  First.Lead@Trust.NHS.uk ',
      fullName: 'Jo Bloggs',
      roles: ['programme-lead', 'steering'],
      password: 'correct horse battery',
    });
    expect(result).toMatchObject({
      email: 'first.lead@trust.nhs.uk',
      created: true,
      rolesAdded: ['programme-lead', 'steering'],
      passwordSet: true,
    });

    const response = await signIn('first.lead@trust.nhs.uk', 'correct horse battery');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email: 'first.lead@trust.nhs.uk', fullName: 'Jo Bloggs' });
    expect(response.body.roles.map((grant: { role: string }) => grant.role).sort()).toEqual([
      'programme-lead',
      'steering',
    ]);
    const lead = await testApp.signedIn('first.lead@trust.nhs.uk', 'correct horse battery');
    await lead.get('/api/mailbox').expect(200); // a programme-lead-only page

    const [hash] = await testApp.sql<{ password_hash: string }>(
      'SELECT password_hash FROM app_user WHERE id = $1',
      [result.userId],
    );
    // argon2id with the app's cost parameters, whatever order the library writes them in
    const [, algorithm, , parameters] = hash?.password_hash.split('$') ?? [];
    expect(algorithm).toBe('argon2id');
    expect(parameters?.split(',').sort()).toEqual(['m=19456', 'p=1', 't=2']);
    expect(await auditFor(result.userId)).toEqual([
      {
        action: 'user.created',
        actor_user_id: null,
        details: { fields: ['email', 'fullName', 'passwordHash', 'roles'] },
      },
    ]);
  });

  it('adds only the missing roles to an existing user and keeps their password', async () => {
    const first = await createUser(dataSource, {
      email: 'twice@trust.nhs.uk',
      fullName: 'Ali Twice',
      roles: ['facilitator'],
      password: 'the original password',
    });
    const second = await createUser(dataSource, {
      email: 'TWICE@trust.nhs.uk',
      fullName: 'Someone Else',
      roles: ['facilitator', 'sponsor'],
      organisationOdsCode: 'rwe',
      password: 'an unused new password',
    });
    expect(second).toMatchObject({
      userId: first.userId,
      created: false,
      rolesAdded: ['sponsor'],
      passwordSet: false,
    });
    expect(await rolesOf(first.userId)).toEqual([
      { role: 'facilitator', ods_code: null },
      { role: 'sponsor', ods_code: 'RWE' },
    ]);
    expect((await signIn('twice@trust.nhs.uk', 'the original password')).status).toBe(200);
    expect((await signIn('twice@trust.nhs.uk', 'an unused new password')).status).toBe(401);

    const again = await createUser(dataSource, {
      email: 'twice@trust.nhs.uk',
      fullName: 'Ali Twice',
      roles: ['facilitator'],
      password: 'the original password',
    });
    expect(again.rolesAdded).toEqual([]);
    expect(await rolesOf(first.userId)).toHaveLength(2);
    expect((await auditFor(first.userId)).map((event) => [event.action, event.details.fields])).toEqual([
      ['user.created', ['email', 'fullName', 'passwordHash', 'roles']],
      ['user.roles-added', ['roles']],
    ]);
  });

  it('replaces the password of an existing user only with resetPassword, ending their sessions', async () => {
    const { userId } = await createUser(dataSource, {
      email: 'reset@trust.nhs.uk',
      fullName: 'Rae Set',
      roles: ['steering'],
      password: 'password number one',
    });
    const oldSession = await testApp.signedIn('reset@trust.nhs.uk', 'password number one');
    await oldSession.get('/api/auth/me').expect(200);

    const result = await createUser(dataSource, {
      email: 'reset@trust.nhs.uk',
      fullName: 'Rae Set',
      roles: ['steering'],
      password: 'password number two',
      resetPassword: true,
    });
    expect(result).toMatchObject({ created: false, rolesAdded: [], passwordSet: true });
    await oldSession.get('/api/auth/me').expect(401);
    expect((await signIn('reset@trust.nhs.uk', 'password number one')).status).toBe(401);
    expect((await signIn('reset@trust.nhs.uk', 'password number two')).status).toBe(200);
    expect((await auditFor(userId)).at(-1)).toMatchObject({
      action: 'user.password-reset',
      details: { fields: ['passwordHash'] },
    });
  });

  it('makes staff grants regional by default, or for one system with --scope system:<ICB>', async () => {
    const scopesOf = (userId: string) =>
      testApp.sql(
        `SELECT g.role, g.scope_kind, r.ods_code AS region, o.ods_code AS organisation FROM user_role g
         LEFT JOIN region r ON r.id = g.region_id LEFT JOIN organisation o ON o.id = g.organisation_id
         WHERE g.user_id = $1 ORDER BY g.role`,
        [userId],
      );
    const regional = await createUser(dataSource, {
      email: 'regional.steering@trust.nhs.uk',
      fullName: 'Regional Steering',
      roles: ['steering', 'delegate'],
      password: 'a long enough password',
    });
    expect(await scopesOf(regional.userId)).toEqual([
      { role: 'delegate', scope_kind: null, region: null, organisation: null },
      { role: 'steering', scope_kind: 'region', region: 'Y60', organisation: null },
    ]);
    const system = await createUser(dataSource, {
      email: 'coventry.lead@trust.nhs.uk',
      fullName: 'Coventry Lead',
      roles: ['programme-lead', 'sponsor'],
      organisationOdsCode: 'RWE',
      scope: 'system:qwu',
      password: 'a long enough password',
    });
    expect(await scopesOf(system.userId)).toEqual([
      { role: 'programme-lead', scope_kind: 'system', region: null, organisation: 'QWU' },
      { role: 'sponsor', scope_kind: 'organisation', region: null, organisation: 'RWE' },
    ]);
  });

  it.each([
    [
      'a sponsor without an organisation',
      { roles: ['sponsor'] },
      '--organisation',
      /sponsor role needs --organisation/,
    ],
    [
      'an organisation that does not exist',
      { roles: ['sponsor'], organisationOdsCode: 'ZZZ99' },
      '--organisation',
      /no organisation has ODS code ZZZ99/,
    ],
    ['an unknown role', { roles: ['programme-lead', 'admin'] }, '--role', /unknown role "admin"/],
    ['no role at all', { roles: [] }, '--role', /at least one --role/],
    [
      'a lead scoped to one organisation',
      { scope: 'organisation:RWE' },
      '--scope',
      /cannot have a organisation scope/,
    ],
    [
      'a system scope that is not an ICB',
      { scope: 'system:RWE' },
      '--scope',
      /no integrated care board has ODS code RWE/,
    ],
    ['a malformed scope', { scope: 'QWU' }, '--scope', /scope must be region/],
    ['a password under 12 characters', { password: 'elevenchars' }, '--password-stdin', /at least 12/],
    ['a malformed email', { email: 'not-an-email' }, '--email', /email address/],
  ])('refuses %s and creates nothing', async (_case, overrides, option, message) => {
    const email = `refused-${option.slice(2)}@trust.nhs.uk`;
    const attempt = createUser(dataSource, {
      email,
      fullName: 'Refused Person',
      roles: ['programme-lead'],
      password: 'a long enough password',
      ...overrides,
    });
    await expect(attempt).rejects.toThrow(CreateUserError);
    await expect(attempt).rejects.toMatchObject({ option, message: expect.stringMatching(message) });
    expect(await testApp.sql('SELECT 1 FROM app_user WHERE email = $1', [email])).toEqual([]);
  });
});
