import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { DownloadAudit, DownloadAuditInterceptor } from './download-audit';

@Global()
@Module({
  providers: [
    AuditRepository,
    AuditService,
    DownloadAudit,
    { provide: APP_INTERCEPTOR, useClass: DownloadAuditInterceptor },
  ],
  exports: [AuditService, DownloadAudit],
})
export class AuditModule {}
