import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ODS_CODE_HINT,
  ODS_CODE_PATTERN,
  ORGANISATION_TYPES,
  OrganisationQuery,
  OrganisationType,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../../../common/paging';
import { queryBoolean, trimUpper } from '../../../common/transforms';

/**
 * `GET /api/organisations/paged`: the organisations list's filters (as `GET /api/organisations`) with the
 * paging every list shares; `q` matches the name or ODS code.
 */
export class OrganisationPageQueryDto extends PageQueryDto implements OrganisationQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES, { message: `type must be one of: ${ORGANISATION_TYPES.join(', ')}` })
  type?: OrganisationType;

  @ApiPropertyOptional({ example: 'QK1', description: 'ODS code of an ICB' })
  @IsOptional()
  @Transform(trimUpper)
  @IsString()
  @Matches(ODS_CODE_PATTERN, { message: `system must be the ODS code of an ICB: ${ODS_CODE_HINT}` })
  system?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'includeClosed must be true or false' })
  includeClosed?: boolean;
}
