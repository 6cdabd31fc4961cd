import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  CreateOrganisationRequest,
  HEADCOUNT_MAX,
  HEADCOUNT_MIN,
  ODS_CODE_HINT,
  ODS_CODE_PATTERN,
  ORGANISATION_NAME_MAX_LENGTH,
  ORGANISATION_TYPES,
  OrganisationQuery,
  OrganisationType,
  UpdateOrganisationRequest,
} from '@upstand/contracts';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  Max,
  Min,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/is-calendar-date';
import { queryBoolean, trim, trimUpper } from '../../../common/transforms';

export class CreateOrganisationDto implements CreateOrganisationRequest {
  @ApiProperty({ example: 'RWE', description: ODS_CODE_HINT })
  @Transform(trimUpper)
  @IsString()
  @Matches(ODS_CODE_PATTERN, { message: `odsCode must be ${ODS_CODE_HINT}` })
  odsCode: string;

  @ApiProperty({ example: 'University Hospitals of Leicester NHS Trust' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(ORGANISATION_NAME_MAX_LENGTH)
  name: string;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES, { message: `type must be one of: ${ORGANISATION_TYPES.join(', ')}` })
  type: OrganisationType;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'The ICB; required unless type is icb',
  })
  @IsOptional()
  @IsUUID('all', { message: 'systemId must be the id of an integrated care board' })
  systemId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Required when type is icb' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId must be the id of a region' })
  regionId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isHomeSystem?: boolean;

  @ApiPropertyOptional({ example: '2022-07-01' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;

  @ApiPropertyOptional({ example: null, nullable: true })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsCalendarDate()
  validTo?: string | null;

  @ApiPropertyOptional({ example: 18000, nullable: true, description: 'Staff headcount, for reach figures' })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsInt({ message: 'headcount must be a whole number' })
  @Min(HEADCOUNT_MIN, { message: 'headcount must be at least 1' })
  @Max(HEADCOUNT_MAX, { message: 'headcount must be at most 2,000,000' })
  headcount?: number | null;

  @ApiPropertyOptional({
    example: '2026-03-31',
    nullable: true,
    description: 'When the headcount was counted (YYYY-MM-DD, not in the future); required with a headcount',
  })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsCalendarDate({ message: 'headcountAsOf must be a date written YYYY-MM-DD' })
  headcountAsOf?: string | null;
}

export class UpdateOrganisationDto
  extends PartialType(CreateOrganisationDto)
  implements UpdateOrganisationRequest {}

export class OrganisationQueryDto implements OrganisationQuery {
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
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'includeClosed must be true or false' })
  includeClosed?: boolean;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Check the file and report without saving anything' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}
