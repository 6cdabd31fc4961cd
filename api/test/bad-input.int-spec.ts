import { gzipSync } from 'zlib';
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

  describe('bodies that cannot be decoded', () => {
    it('Content-Encoding: gzip on a body that is not gzip → 400 naming the body', async () => {
      const response = await (
        await testApp.client()
      )
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send('{"email":"a@b.nhs.uk","password":"x"}')
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'body', message: 'body could not be decoded as its Content-Encoding says' },
      ]);
    });

    it('a real gzip body is still read', async () => {
      const response = await (
        await testApp.client()
      )
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        // superagent would JSON-encode a Buffer sent as application/json: send the bytes as they are.
        .serialize((bytes: Buffer) => bytes as unknown as string)
        .send(gzipSync(JSON.stringify({ email: 'lead@demo.upstand.test', password: 'upstand-demo' })))
        .expect(200);
      expect(response.body.email).toBe('lead@demo.upstand.test');
    });

    it('an unsupported Content-Encoding → 415', async () => {
      const response = await lead
        .post('/api/organisations')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'compress')
        .send('{}')
        .expect(415);
      expect(response.body).toMatchObject({ error: 'Unsupported Media Type', errors: [{ field: 'body' }] });
    });

    it('JSON nested 3,000 deep → 400 naming the body', async () => {
      const deep = '{"name":'.repeat(3000) + '1' + '}'.repeat(3000);
      const response = await lead
        .post('/api/organisations')
        .set('Content-Type', 'application/json')
        .send(deep)
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'body', message: 'body is nested too deeply (more than 32 levels)' },
      ]);
    });
  });

  describe('text no database can hold', () => {
    it('a NUL byte in a query value → 400 naming the parameter', async () => {
      const response = await (await testApp.client()).get('/api/organisations?q=%00').expect(400);
      expect(response.body.errors).toEqual([{ field: 'q', message: 'q must not contain a NUL character' }]);
    });

    it('a NUL byte in a nested body field → 400 naming the field', async () => {
      const response = await lead
        .post('/api/organisations')
        .send({ odsCode: 'ABC', name: 'Trust\u0000', type: 'other', systemId })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'name', message: 'name must not contain a NUL character' },
      ]);
      const nested = await lead
        .post('/api/organisations')
        .send({ odsCode: 'ABC', name: 'x', type: 'other', systemId, extra: [{ deeper: 'a\u0000' }] })
        .expect(400);
      expect(nested.body.errors).toEqual([
        { field: 'extra.0.deeper', message: 'extra.0.deeper must not contain a NUL character' },
      ]);
    });

    it.each(['/api/auth/login', '/api/auth/register', '/api/auth/password-reset'])(
      'a lone surrogate in the email on %s → 400 naming the email',
      async (path) => {
        const response = await (
          await testApp.client()
        )
          .post(path)
          .set('Content-Type', 'application/json')
          .send('{"email":"\\ud800@example.nhs.uk","password":"x"}')
          .expect(400);
        expect(response.body.errors).toEqual([
          { field: 'email', message: 'email must not contain invalid characters (an unpaired surrogate)' },
        ]);
      },
    );

    it('a NUL byte in a route parameter → 400 naming the parameter', async () => {
      const response = await lead.get('/api/organisations/abc%00def').expect(400);
      expect(response.body.errors[0].field).toBe('id');
    });

    it('a route parameter that is not valid UTF-8 → 400, not 500', async () => {
      const response = await lead.get('/api/organisations/%ED%A0%80');
      expect(response.status).toBe(400);
    });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a %s key anywhere → 400 naming it', async (key) => {
    const response = await lead
      .post('/api/organisations')
      .set('Content-Type', 'application/json')
      .send(`{"odsCode":"ABC","name":"x","type":"other","nested":{"${key}":{"isAdmin":true}}}`)
      .expect(400);
    expect(response.body.errors).toContainEqual({
      field: `nested.${key}`,
      message: `nested.${key} is not an allowed field`,
    });
    const topLevel = await lead
      .post('/api/organisations')
      .set('Content-Type', 'application/json')
      .send(`{"${key}":{"isAdmin":true}}`)
      .expect(400);
    expect(topLevel.body.errors).toContainEqual({ field: key, message: `${key} is not an allowed field` });
  });

  it.each([{}, { confirmPairingBreak: true }])(
    'PATCH programme settings with %j → 400 "nothing to change"',
    async (body) => {
      const programme = (await lead.get('/api/programmes').expect(200)).body[0] as { id: string };
      const response = await lead.patch(`/api/programmes/${programme.id}/settings`).send(body).expect(400);
      expect(response.body.message).toMatch(/nothing to change/);
      expect(response.body.errors[0].field).toBe('body');
    },
  );
});
