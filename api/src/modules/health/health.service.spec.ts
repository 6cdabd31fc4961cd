import { KNOWN_MIGRATIONS } from '../../database/migrate';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';

/** A database that answers, with the given migrations applied, counting how often it is asked for them. */
function database(applied: string[]) {
  const calls = { applied: 0 };
  const listener = { status: 'up' as 'up' | 'down' | 'off' };
  const repository = {
    listenerStatus: () => listener.status,
    ping: async () => undefined,
    appliedMigrations: async () => {
      calls.applied++;
      return new Set(applied);
    },
  } as unknown as HealthRepository;
  return { service: new HealthService(repository), calls, applied, listener };
}

describe('readiness', () => {
  it('is not ready while a migration this release needs is missing, and says which', async () => {
    const latest = KNOWN_MIGRATIONS[KNOWN_MIGRATIONS.length - 1] as string;
    const { service } = database(KNOWN_MIGRATIONS.slice(0, -1));
    expect(await service.ready()).toEqual({
      status: 'error',
      database: { status: 'up' },
      migrations: { status: 'down', pending: [latest] },
      listener: { status: 'up' },
      shuttingDown: false,
    });
  });

  it('tolerates migrations newer than this release (a rolling upgrade migrated ahead of it)', async () => {
    const { service } = database([...KNOWN_MIGRATIONS, 'FromTheNextRelease9999999999999']);
    expect((await service.ready()).status).toBe('ok');
  });

  it('keeps asking until the migrations are applied, then only pings', async () => {
    const state = database(KNOWN_MIGRATIONS.slice(0, -1));
    expect((await state.service.ready()).status).toBe('error');
    state.applied.push(KNOWN_MIGRATIONS[KNOWN_MIGRATIONS.length - 1] as string);
    expect((await state.service.ready()).status).toBe('ok');
    await state.service.ready();
    await state.service.ready();
    expect(state.calls.applied).toBe(2);
  });

  it('is not ready while the analytics change listener is disconnected, and says so; off does not count', async () => {
    const state = database([...KNOWN_MIGRATIONS]);
    state.listener.status = 'down';
    expect(await state.service.ready()).toMatchObject({ status: 'error', listener: { status: 'down' } });
    state.listener.status = 'off';
    expect(await state.service.ready()).toMatchObject({ status: 'ok', listener: { status: 'off' } });
    state.listener.status = 'up';
    expect(await state.service.ready()).toMatchObject({ status: 'ok', listener: { status: 'up' } });
  });

  it('stops being ready once shutdown begins', async () => {
    const { service } = database([...KNOWN_MIGRATIONS]);
    service.beginShutdown();
    expect(await service.ready()).toMatchObject({ status: 'error', shuttingDown: true });
  });
});
