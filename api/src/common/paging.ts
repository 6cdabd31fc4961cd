import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE,
  PAGE_SIZE_OPTIONS,
  PageQuery,
  Paged,
  pageOffset,
  SEARCH_MAX_LENGTH,
} from '@upstand/contracts';
import { trim } from './transforms';

/**
 * The query every paged list accepts: `q`, `page` and `pageSize`. A list's own query DTO extends it and adds
 * its filters, so the limits (and the 400s naming the field) are the same everywhere.
 */
export class PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ description: 'Part of a name, email address or code', maxLength: SEARCH_MAX_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(SEARCH_MAX_LENGTH)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  @Max(MAX_PAGE, { message: `page must be ${MAX_PAGE} or less` })
  page?: number;

  @ApiPropertyOptional({ enum: PAGE_SIZE_OPTIONS, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsIn(PAGE_SIZE_OPTIONS, { message: `pageSize must be one of ${PAGE_SIZE_OPTIONS.join(', ')}` })
  pageSize?: number;
}

/** The page asked for, with defaults: what a repository needs for LIMIT and OFFSET. */
export interface PageWindow {
  page: number;
  pageSize: number;
  /** SQL LIMIT */
  take: number;
  /** SQL OFFSET */
  skip: number;
  /** The trimmed search text, or undefined when blank. */
  q: string | undefined;
}

export function pageWindow(query: PageQuery): PageWindow {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const q = query.q?.trim() ? query.q.trim() : undefined;
  return { page, pageSize, take: pageSize, skip: pageOffset(page, pageSize), q };
}

export function paged<T>(items: T[], total: number, window: Pick<PageWindow, 'page' | 'pageSize'>): Paged<T> {
  return { items, total, page: window.page, pageSize: window.pageSize };
}

/**
 * `%text%` for SQL ILIKE (whose escape character is `\` by default): the person's `%`, `_` and `\` match
 * themselves, not any text. Use with a bound parameter, never by string concatenation.
 */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
