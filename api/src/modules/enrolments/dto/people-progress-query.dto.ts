import { ApiPropertyOptional } from '@nestjs/swagger';
import { ENROLMENT_STATUSES, EnrolmentStatus, PeopleProgressQuery } from '@upstand/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/paging';

/** A sponsor's delegates and a line manager's team: `q` matches the person's name or their cohort's name. */
export class PeopleProgressQueryDto extends PageQueryDto implements PeopleProgressQuery {
  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLMENT_STATUSES, { message: `status must be one of: ${ENROLMENT_STATUSES.join(', ')}` })
  status?: EnrolmentStatus;
}
