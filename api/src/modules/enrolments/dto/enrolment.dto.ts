import { ApiProperty } from '@nestjs/swagger';
import { OpenCohortQuery, TransferRequest } from '@upstand/contracts';
import { IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/paging';

export class TransferDto implements TransferRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'cohortId must be the id of a cohort' })
  cohortId: string;
}

/** `GET /api/open-cohorts`: the shared paging query (`q` searches name, system, venue and town). */
export class OpenCohortQueryDto extends PageQueryDto implements OpenCohortQuery {}
