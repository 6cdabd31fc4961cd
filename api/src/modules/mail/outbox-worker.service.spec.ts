import { retryDelayMs } from './outbox-worker.service';

describe('retryDelayMs', () => {
  it('backs off exponentially from 15 seconds to at most an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });
});
