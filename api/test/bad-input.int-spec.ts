import { ApiClient, createTestApp, TestApp } from './support/test-app';

describe('bad input never gives a 5xx', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let systemId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    systemId = (await lead.get('/api/organisations?type=icb').expect(200)).body[0].id;
  });
  afterAll(() => testApp.close());

  it('malformed JSON → 400 naming the body', async () => {
    const response = await lead
      .post('/api/organisations')
      .set('Content-Type', 'application/json')
      .send('{"odsCode": "RWE",')
      .expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      message: 'The request body is not valid JSON',
      errors: [{ field: 'body' }],
    });
  });

  it('unknown fields → 400 naming each one', async () => {
    const response = await lead
      .post('/api/organisations')
      .send({ odsCode: 'ABC', name: 'x', type: 'other', systemId, isAdmin: true })
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'isAdmin', message: 'isAdmin is not an allowed field' }]);
  });

  it('wrong types → 400 naming the fields', async () => {
    const response = await lead
      .post('/api/organisations')
      .send({ odsCode: 42, name: ['x'], type: 'hospital', isHomeSystem: 'yes' })
      .expect(400);
    const fields = new Set((response.body.errors as { field: string }[]).map((error) => error.field));
    expect(fields).toEqual(new Set(['odsCode', 'name', 'type', 'isHomeSystem']));
  });

  it('a 100 kB string → 400 naming the field', async () => {
    const response = await lead
      .post('/api/organisations')
      .send({ odsCode: 'ABC', name: 'x'.repeat(100_000), type: 'other', systemId })
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'name', message: 'name must be shorter than or equal to 200 characters' },
    ]);
    const login = await (
      await testApp.client()
    )
      .post('/api/auth/login')
      .send({ email: 'a'.repeat(100_000), password: 'x' })
      .expect(400);
    expect(login.body.errors.map((error: { field: string }) => error.field)).toContain('email');
  });

  it('an invalid ODS code → 400 naming the field', async () => {
    const response = await lead
      .post('/api/organisations')
      .send({ odsCode: 'TOOLONG1', name: 'x', type: 'other', systemId })
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['odsCode']);
  });

  it('impossible dates and bad query parameters → 400 naming them', async () => {
    const date = await lead
      .post('/api/organisations')
      .send({ odsCode: 'ABC', name: 'x', type: 'other', systemId, validFrom: '2023-02-30' })
      .expect(400);
    expect(date.body.errors).toEqual([
      { field: 'validFrom', message: 'validFrom must be a date written YYYY-MM-DD' },
    ]);
    const query = await lead.get('/api/organisations?type=castle&includeClosed=perhaps').expect(400);
    expect(new Set(query.body.errors.map((error: { field: string }) => error.field))).toEqual(
      new Set(['type', 'includeClosed']),
    );
    const extra = await lead.get('/api/organisations?sort=name').expect(400);
    expect(extra.body.errors).toEqual([{ field: 'sort', message: 'sort is not an allowed field' }]);
  });

  it('a body that is not an object → 400', async () => {
    const response = await lead
      .post('/api/organisations')
      .set('Content-Type', 'application/json')
      .send('"just a string"');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('an oversized body → 413, not a crash', async () => {
    const response = await lead
      .post('/api/organisations')
      .send({ name: 'x'.repeat(2_000_000) })
      .expect(413);
    expect(response.body.statusCode).toBe(413);
  });
});
