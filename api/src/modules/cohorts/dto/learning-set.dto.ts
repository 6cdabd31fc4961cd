import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AllocateSetsRequest, AssignSetFacilitatorRequest, MoveSetMemberRequest } from '@upstand/contracts';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';

export class AllocateSetsDto implements AllocateSetsRequest {
  @ApiPropertyOptional({ default: 6 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(20)
  minSize?: number;

  @ApiPropertyOptional({ default: 8 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(20)
  maxSize?: number;
}

export class AssignSetFacilitatorDto implements AssignSetFacilitatorRequest {
  @ApiProperty({ format: 'uuid', nullable: true })
  @ValidateIf((_object, value) => value !== null)
  @IsUUID('all', { message: 'facilitatorId must be the id of a facilitator' })
  facilitatorId: string | null;
}

export class MoveSetMemberDto implements MoveSetMemberRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'enrolmentId must be the id of an enrolment' })
  enrolmentId: string;
}
