import { ApiProperty } from '@nestjs/swagger';
import { ApprovalQuery, BULK_APPROVAL_MAX, BulkApproveRequest } from '@upstand/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/paging';

/** `GET /api/manager/approvals`: `q` matches the person's name or the cohort's name. */
export class ApprovalQueryDto extends PageQueryDto implements ApprovalQuery {}

export class BulkApproveDto implements BulkApproveRequest {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: BULK_APPROVAL_MAX })
  @IsArray({ message: 'ids must be a list of approval request ids' })
  @ArrayMinSize(1, { message: 'ids must name at least one approval request' })
  @ArrayMaxSize(BULK_APPROVAL_MAX, { message: `ids may name at most ${BULK_APPROVAL_MAX} approval requests` })
  @IsUUID('all', { each: true, message: 'ids must each be the id of an approval request' })
  ids: string[];
}
