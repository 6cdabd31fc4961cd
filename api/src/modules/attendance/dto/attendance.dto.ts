import { ApiProperty } from '@nestjs/swagger';
import {
  ATTENDANCE_STATUSES,
  AttendanceStatus,
  CheckInRequest,
  RecordAttendanceRequest,
} from '@upstand/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';

export class AttendanceLineDto {
  @IsUUID('all', { message: 'enrolmentId must be the id of an enrolment' })
  enrolmentId: string;

  @IsIn(ATTENDANCE_STATUSES, { message: `status must be one of: ${ATTENDANCE_STATUSES.join(', ')}` })
  status: AttendanceStatus;
}

export class RecordAttendanceDto implements RecordAttendanceRequest {
  @ApiProperty({ type: [AttendanceLineDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendanceLineDto)
  entries: AttendanceLineDto[];
}

export class CheckInDto implements CheckInRequest {
  @ApiProperty({ example: 'K7QX2M' })
  @IsString()
  @Matches(/^\s*[A-Za-z0-9]{6}\s*$/, {
    message: 'code must be the 6 letters and numbers shown on the register',
  })
  code: string;
}

export class DirectoryConsentDto {
  @IsBoolean()
  inDirectory: boolean;
}
