import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { CreateVenueRequest } from '@upstand/contracts';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { trim } from '../../../common/transforms';

export class CreateVenueDto implements CreateVenueRequest {
  @ApiProperty({ example: 'Leicester General Hospital, Education Centre' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Gwendolen Road, Leicester LE5 4PW' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'address must not be empty' })
  @MaxLength(500)
  address: string;

  @ApiProperty({ example: 30 })
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  accessibilityNotes: string | null;
}

export class UpdateVenueDto extends PartialType(CreateVenueDto) {}
