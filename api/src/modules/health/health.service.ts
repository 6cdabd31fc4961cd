import { Injectable } from '@nestjs/common';
import { HealthResponse } from '@upstand/contracts';
import { HealthRepository } from './health.repository';

const TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  constructor(private readonly repository: HealthRepository) {}

  async check(): Promise<HealthResponse> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.repository.ping(),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        }),
      ]);
      return { status: 'ok', database: { status: 'up' } };
    } catch (error) {
      return { status: 'error', database: { status: 'down', message: (error as Error).message } };
    } finally {
      clearTimeout(timer);
    }
  }
}
