import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DiscoveryModule } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ACCESS_METADATA } from '../src/common/auth/access.decorators';
import { createTestApp, TestApp } from './support/test-app';

describe('access control', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('every route declares who may call it (deny by default)', async () => {
    const discovery = testApp.app.select(DiscoveryModule).get(DiscoveryService);
    const reflector = testApp.app.get(Reflector);
    const scanner = new MetadataScanner();
    const undeclared: string[] = [];
    let routes = 0;
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as object;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as () => unknown;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        routes += 1;
        const rule = reflector.getAllAndOverride(ACCESS_METADATA, [
          handler,
          wrapper.metatype as () => unknown,
        ]);
        if (!rule)
          undeclared.push(
            `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} ${wrapper.name}.${name}`,
          );
      }
    }
    expect(routes).toBeGreaterThan(8);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to anonymous callers of a protected route', async () => {
    const client = await testApp.client();
    const response = await client
      .post('/api/organisations')
      .send({ odsCode: 'ABC', name: 'x', type: 'other' })
      .expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, message: 'You need to sign in' });
    await client.get('/api/auth/me').expect(401);
  });

  it.each(['delegate', 'facilitator', 'manager', 'sponsor', 'steering'])(
    'answers 403 when a %s tries a lead-only route',
    async (who) => {
      const client = await testApp.signedIn(`${who}@demo.upstand.test`);
      const response = await client
        .post('/api/organisations')
        .send({ odsCode: 'ABC', name: 'x', type: 'other' })
        .expect(403);
      expect(response.body.message).toBe('You do not have permission to do this');
    },
  );

  it('lets anyone read the organisation registry (sign-up forms need it)', async () => {
    const client = await testApp.client();
    const response = await client.get('/api/organisations?type=icb').expect(200);
    expect(response.body).toHaveLength(11);
  });

  it('answers unknown API paths with JSON 404', async () => {
    const client = await testApp.client();
    const response = await client.get('/api/no-such-thing').expect(404);
    expect(response.body.statusCode).toBe(404);
  });
});
