import { Global, Module } from '@nestjs/common';
import { ApprovalLinksService } from './approval-links.service';
import { ApprovalsRepository } from './approvals.repository';

@Global()
@Module({
  providers: [ApprovalsRepository, ApprovalLinksService],
  exports: [ApprovalsRepository, ApprovalLinksService],
})
export class ApprovalLinksModule {}
