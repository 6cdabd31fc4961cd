import { ApiPropertyOptional } from '@nestjs/swagger';
import { COHORT_TIMINGS, CohortQuery, CohortTiming } from '@upstand/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/paging';

/** `GET /api/cohorts`: `q` matches the name, the venue, or the system's name or ODS code. */
export class CohortQueryDto extends PageQueryDto implements CohortQuery {
  @ApiPropertyOptional({ enum: COHORT_TIMINGS, description: 'Not started, running now, or finished' })
  @IsOptional()
  @IsIn(COHORT_TIMINGS, { message: `when must be one of: ${COHORT_TIMINGS.join(', ')}` })
  when?: CohortTiming;
}
