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
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Seconds a client should wait before retrying while the database cannot be reached. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** PostgreSQL SQLSTATEs that mean "the database cannot serve you now", not "your request was wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, server stopping)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database is gone
]);
/** Node and pg-pool messages for a connection that could not be made or was cut. */
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /is not currently accepting connections/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
];
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/** True when the error says the database is unreachable: the answer is 503 with Retry-After, not 500. */
export function isDatabaseUnavailable(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  const candidates: unknown[] = [exception, (exception as { driverError?: unknown }).driverError];
  return candidates.some((candidate) => {
    if (!(candidate instanceof Error)) return false;
    const code = (candidate as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)))
      return true;
    if (typeof code === 'string' && code.startsWith('08')) return true; // connection_exception class
    return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(candidate.message));
  });
}

/**
 * An error that Express or its parsers raised for the client's request (http-errors marks those `expose`):
 * e.g. a route parameter whose percent-encoding is not valid UTF-8.
 */
function clientHttpErrorStatus(exception: unknown): number | null {
  if (!(exception instanceof Error)) return null;
  const { status, expose } = exception as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : null;
}

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
    if (body.statusCode === 503) this.logger.warn(`Database unavailable: ${(exception as Error).message}`);
    else if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (exception instanceof TooManyAttemptsError)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (body.statusCode === 503) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
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
    if (isDatabaseUnavailable(exception)) {
      return this.body(
        HttpStatus.SERVICE_UNAVAILABLE,
        'The service is temporarily unavailable. Please try again in a moment.',
      );
    }
    const clientStatus = clientHttpErrorStatus(exception);
    if (clientStatus !== null) {
      const field = exception instanceof URIError ? 'path' : 'request';
      return this.body(clientStatus, 'The request could not be read', [
        { field, message: `${field} could not be read: ${(exception as Error).message}` },
      ]);
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
        case '22021': // character_not_in_repertoire (e.g. NUL in text)
        case '22003': // numeric_value_out_of_range
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
