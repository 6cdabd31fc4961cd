import request from 'supertest';
import { carriesSecret } from '../src/common/compression';
import { createTestApp, TestApp } from './support/test-app';

describe('response compression', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('compresses a large JSON answer with the encoding the client prefers', async () => {
    const server = testApp.app.getHttpServer();
    const brotli = await request(server)
      .get('/api/organisations')
      .set('Accept-Encoding', 'br, gzip')
      .expect(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['vary']).toMatch(/Accept-Encoding/i);
    const gzip = await request(server).get('/api/organisations').set('Accept-Encoding', 'gzip').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    // The body still reads as the same list once decoded.
    const plain = await request(server)
      .get('/api/organisations')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzip.body).toEqual(plain.body);
  });

  it('never compresses an answer that carries a secret (BREACH), whatever the client accepts', async () => {
    const server = testApp.app.getHttpServer();
    for (const path of ['/api/auth/csrf', '/API/Auth/CSRF']) {
      const csrf = await request(server).get(path).set('Accept-Encoding', 'br, gzip').expect(200);
      expect({ path, encoding: csrf.headers['content-encoding'] }).toEqual({ path, encoding: undefined });
    }
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    const me = await lead.get('/api/auth/me').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(me.headers['content-encoding']).toBeUndefined();
    const feed = await lead.get('/api/me/calendar-feed').set('Accept-Encoding', 'br, gzip');
    expect(feed.headers['content-encoding']).toBeUndefined();
  });

  it('names every secret-bearing path, whatever its case or trailing slash', () => {
    for (const path of [
      '/api/auth/csrf',
      '/API/AUTH',
      '/api/me/second-factor/setup',
      '/api/Me/Calendar-Feed',
    ])
      expect({ path, secret: carriesSecret(path) }).toEqual({ path, secret: true });
    for (const path of ['/api/organisations', '/api/authors', '/api/me/journey'])
      expect({ path, secret: carriesSecret(path) }).toEqual({ path, secret: false });
  });
});
