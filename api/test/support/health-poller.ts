import { Worker } from 'worker_threads';

/** One poll: how long the answer took and its HTTP status (0 when no answer came). */
export interface HealthPoll {
  ms: number;
  status: number;
}

/**
 * Polls `url` from a worker thread, with its own event loop, until stopped, and answers each poll's latency and
 * status. A poller on the server's own thread would miss a block that falls while it sleeps between polls;
 * from another thread every poll that falls in a block waits it out, as a load balancer's would.
 */
export function pollHealth(url: string, intervalMs = 20): { stop(): Promise<HealthPoll[]> } {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('worker_threads');
    const { performance } = require('perf_hooks');
    const latencies = [];
    let running = true;
    parentPort.on('message', () => { running = false; });
    (async () => {
      while (running) {
        const started = performance.now();
        try {
          const response = await fetch(workerData.url);
          await response.arrayBuffer();
          latencies.push({ ms: performance.now() - started, status: response.status });
        } catch {
          latencies.push({ ms: performance.now() - started, status: 0 });
        }
        await new Promise((resolve) => setTimeout(resolve, workerData.intervalMs));
      }
      parentPort.postMessage(latencies);
    })();
    `,
    { eval: true, workerData: { url, intervalMs } },
  );
  const result = new Promise<HealthPoll[]>((resolve, reject) => {
    worker.once('message', (latencies: HealthPoll[]) => resolve(latencies));
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const latencies = await result;
      await worker.terminate();
      return latencies;
    },
  };
}
