import { ApiPropertyOptional, ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import {
  ANALYTICS_EXPORT_TABLES,
  AnalyticsFilters,
  BREAKDOWN_DIMENSIONS,
  BreakdownDimension,
  SYSTEM_GROUPS,
  SystemGroup,
} from '@upstand/contracts';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../../common/is-calendar-date';
import { PageQueryDto } from '../../../common/paging';

export class AnalyticsQueryDto implements AnalyticsFilters {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId: string;

  @ApiPropertyOptional({ example: '2023-04-01', description: 'Cohorts starting on or after' })
  @IsOptional()
  @IsCalendarDate()
  startFrom?: string;

  @ApiPropertyOptional({ example: '2024-03-31', description: 'Cohorts starting on or before' })
  @IsOptional()
  @IsCalendarDate()
  startTo?: string;

  @ApiPropertyOptional({ enum: SYSTEM_GROUPS })
  @IsOptional()
  @IsIn(SYSTEM_GROUPS, { message: `group must be one of: ${SYSTEM_GROUPS.join(', ')}` })
  group?: SystemGroup;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'systemId must be a UUID' })
  systemId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId?: string;
}

const STAGES = ['pre', 'post', 'follow-up'] as const;

export class ItemsQueryDto extends AnalyticsQueryDto {
  @ApiPropertyOptional({ enum: STAGES, default: 'pre' })
  @IsOptional()
  @IsIn(STAGES, { message: 'from must be pre, post or follow-up' })
  from: (typeof STAGES)[number] = 'pre';

  @ApiPropertyOptional({ enum: STAGES, default: 'post' })
  @IsOptional()
  @IsIn(STAGES, { message: 'to must be pre, post or follow-up' })
  to: (typeof STAGES)[number] = 'post';
}

/** The filters, the dimension and a page of its categories (`page`, `pageSize`). */
export class BreakdownQueryDto extends IntersectionType(
  AnalyticsQueryDto,
  PickType(PageQueryDto, ['page', 'pageSize'] as const),
) {
  @ApiProperty({ enum: BREAKDOWN_DIMENSIONS })
  @IsIn(BREAKDOWN_DIMENSIONS, { message: `dimension must be one of: ${BREAKDOWN_DIMENSIONS.join(', ')}` })
  dimension: BreakdownDimension;
}

/** The filters and a page of cohorts (`page`, `pageSize`; the filters already pick a cohort by name). */
export class ResponseRatesQueryDto extends IntersectionType(
  AnalyticsQueryDto,
  PickType(PageQueryDto, ['page', 'pageSize'] as const),
) {}

/** The filters, the stage and a page (`page`, `pageSize`; no search: a search of unredacted text could reveal names). */
export class CommentsQueryDto extends IntersectionType(
  AnalyticsQueryDto,
  PickType(PageQueryDto, ['page', 'pageSize'] as const),
) {
  @ApiPropertyOptional({ enum: STAGES, default: 'post' })
  @IsOptional()
  @IsIn(STAGES, { message: 'stage must be pre, post or follow-up' })
  stage: (typeof STAGES)[number] = 'post';
}

export class ExportQueryDto extends ItemsQueryDto {
  @ApiPropertyOptional({ enum: BREAKDOWN_DIMENSIONS, description: 'For the breakdown table' })
  @IsOptional()
  @IsIn(BREAKDOWN_DIMENSIONS, { message: `dimension must be one of: ${BREAKDOWN_DIMENSIONS.join(', ')}` })
  dimension?: BreakdownDimension;
}

export class FilterOptionsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId?: string;
}

export const EXPORT_TABLE_PATTERN = new RegExp(`^(${ANALYTICS_EXPORT_TABLES.join('|')})\\.(csv|xlsx)$`);
