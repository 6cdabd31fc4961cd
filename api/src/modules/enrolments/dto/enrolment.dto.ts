import { ApiProperty } from '@nestjs/swagger';
import { TransferRequest } from '@upstand/contracts';
import { IsUUID } from 'class-validator';

export class TransferDto implements TransferRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'cohortId must be the id of a cohort' })
  cohortId: string;
}
