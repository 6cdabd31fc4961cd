import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiErrorBody, FieldError } from '@upstand/contracts';
import { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, TooManyAttemptsError } from './domain-errors';

/** Database constraint names mapped to the field and message a user should see. */
const CONSTRAINT_MESSAGES: Record<string, FieldError> = {
  UQ_organisation_ods_code: {
    field: 'odsCode',
    message: 'An organisation with this ODS code already exists',
  },
  UQ_organisation_single_home_system: {
    field: 'isHomeSystem',
    message: 'Another system is already the home system',
  },
  UQ_region_ods_code: { field: 'odsCode', message: 'A region with this ODS code already exists' },
  UQ_app_user_email: { field: 'email', message: 'An account with this email address already exists' },
  CHK_organisation_system_parent: {
    field: 'systemId',
    message: 'An ICB has no parent system; every other organisation needs one',
  },
  CHK_organisation_home_system_is_icb: {
    field: 'isHomeSystem',
    message: 'Only an ICB can be the home system',
  },
  CHK_organisation_validity: { field: 'validTo', message: 'Valid to must be on or after valid from' },
  CHK_organisation_ods_code: {
    field: 'odsCode',
    message: 'ODS code must be 3 to 6 capital letters and numbers',
  },
  EXCL_session_facilitator_overlap: {
    field: 'facilitatorIds',
    message: 'A facilitator is already booked for another session at that time',
  },
  EXCL_session_venue: {
    field: 'venueId',
    message: 'The venue is already booked for another session at that time',
  },
  UQ_facilitator_user: { field: 'email', message: 'This person is already in the facilitator pool' },
  UQ_enrolment_active_per_programme: {
    field: 'cohortId',
    message: 'You already have a place (or are waiting for one) on this programme',
  },
  UQ_programme_name: { field: 'name', message: 'A programme with this name already exists' },
  UQ_venue_name: { field: 'name', message: 'A venue with this name already exists' },
};

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

interface PgDriverError {
  code?: string;
  constraint?: string;
  column?: string;
}

/** The single place where errors become HTTP responses: never a stack trace, 5xx only for real faults. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (exception instanceof TooManyAttemptsError)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      return this.body(exception.status, exception.message, exception.fieldErrors);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null) {
        const { message, errors } = payload as { message?: string | string[]; errors?: FieldError[] };
        return {
          ...this.body(status, message ?? exception.message, errors),
          message: message ?? exception.message,
        };
      }
      return this.body(status, String(payload));
    }
    if (exception instanceof QueryFailedError) {
      const driverError = (exception as QueryFailedError & { driverError?: PgDriverError }).driverError ?? {};
      const known = driverError.constraint ? CONSTRAINT_MESSAGES[driverError.constraint] : undefined;
      switch (driverError.code) {
        case '23P01': // exclusion_violation: a double booking that slipped past the service's check
        case '23505': // unique_violation
          return this.body(
            HttpStatus.CONFLICT,
            known?.message ?? 'This record already exists',
            known ? [known] : [],
          );
        case '23503': // foreign_key_violation
          return this.body(
            HttpStatus.BAD_REQUEST,
            known?.message ?? 'A referenced record does not exist',
            known ? [known] : [],
          );
        case '23514': // check_violation
        case '23502': // not_null_violation
        case '22001': // string too long
        case '22007': // invalid datetime format
        case '22008': // datetime out of range
        case '22P02': // invalid text representation
          return this.body(
            HttpStatus.BAD_REQUEST,
            known?.message ?? 'A value is not valid',
            known ? [known] : [],
          );
      }
    }
    return this.body(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on our side. Please try again.');
  }

  private body(statusCode: number, message: string | string[], errors?: FieldError[]): ApiErrorBody {
    const result: ApiErrorBody = { statusCode, error: STATUS_NAMES[statusCode] ?? 'Error', message };
    if (errors && errors.length > 0) result.errors = errors;
    return result;
  }
}
