import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthResponse, LivenessResponse } from '@upstand/contracts';
import { Response } from 'express';
import { Public } from '../../common/auth/access.decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The process is up and answering; touches nothing else, so a database outage never causes restarts. */
  @Public()
  @Get('live')
  live(@Res({ passthrough: true }) response: Response): LivenessResponse {
    response.setHeader('Cache-Control', 'no-store');
    return { status: 'ok' };
  }

  /**
   * 200 when this instance can serve (database up, migrations applied, analytics change listener connected unless
   * the cache is off, not shutting down), else 503 with a body naming the check that failed.
   */
  @Public()
  @Get('ready')
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    return this.readiness(response);
  }

  /** The readiness check under its original address, for monitors set up before live and ready existed. */
  @Public()
  @Get()
  check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    return this.readiness(response);
  }

  private async readiness(response: Response): Promise<HealthResponse> {
    const result = await this.health.ready();
    response.status(result.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    response.setHeader('Cache-Control', 'no-store');
    return result;
  }
}
