import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IMPORT_DATE_FORMATS,
  IMPORT_STAGES,
  ImportDateFormat,
  ImportStage,
  ResponseImportQuery,
  WideColumnMapping,
  WideImportMapping,
  WideImportQuery,
} from '@upstand/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { queryBoolean } from '../../../common/transforms';

export class ImportQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programmeId must be the id of a programme' })
  programmeId: string;

  @ApiPropertyOptional({ description: 'Check the file and report without saving anything' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class ResponseImportQueryDto extends ImportQueryDto implements ResponseImportQuery {
  @ApiPropertyOptional({
    enum: IMPORT_DATE_FORMATS,
    description: 'uk (default): 10/3/2023 is 10 March; us: 3 October, as Microsoft Forms writes it in the US',
  })
  @IsOptional()
  @IsIn(IMPORT_DATE_FORMATS, { message: 'dateFormat must be uk or us' })
  dateFormat?: ImportDateFormat;
}

export class WidePreviewQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programmeId must be the id of a programme' })
  programmeId: string;

  @ApiProperty({ enum: IMPORT_STAGES })
  @IsIn(IMPORT_STAGES, { message: 'stage must be pre, post or follow-up' })
  stage: ImportStage;
}

export class WideImportQueryDto extends ResponseImportQueryDto implements WideImportQuery {
  @ApiProperty({ enum: IMPORT_STAGES })
  @IsIn(IMPORT_STAGES, { message: 'stage must be pre, post or follow-up' })
  stage: ImportStage;
}

export class WideColumnMappingDto implements WideColumnMapping {
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  column: string;

  @IsString()
  @MinLength(1)
  @MaxLength(60)
  itemCode: string;
}

/** The `mapping` field of a wide import, once its JSON is parsed. */
export class WideImportMappingDto implements WideImportMapping {
  @IsString({ message: 'emailColumn must name the column with the email address' })
  @MinLength(1, { message: 'emailColumn must name the column with the email address' })
  @MaxLength(1000)
  emailColumn: string;

  @IsString({ message: 'submittedAtColumn must name the column with the completion time' })
  @MinLength(1, { message: 'submittedAtColumn must name the column with the completion time' })
  @MaxLength(1000)
  submittedAtColumn: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'items must map at least one column to a question' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => WideColumnMappingDto)
  items: WideColumnMappingDto[];
}
