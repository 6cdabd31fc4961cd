import { FieldError } from '@upstand/contracts';

/** Errors the services throw; the one exception filter turns them into HTTP responses. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what: string, id: string) {
    super(`${what} ${id} was not found`);
  }
}

/** The request is well-formed but breaks a rule about one or more fields. */
export class InvalidInputError extends DomainError {
  readonly status = 400;
  constructor(fieldErrors: FieldError[]) {
    super(fieldErrors.map((error) => error.message).join('; '), fieldErrors);
  }
  static field(field: string, message: string): InvalidInputError {
    return new InvalidInputError([{ field, message }]);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  constructor(message: string, field?: string) {
    super(message, field ? [{ field, message }] : []);
  }
}

/** The thing existed but is gone for good (e.g. the certificate of someone whose data was erased). */
export class GoneError extends DomainError {
  readonly status = 410;
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
}

/** Too many attempts in a while (sign-in, password links); the response says when to try again (Retry-After). */
export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many sign-in attempts. Wait and try again.',
  ) {
    super(message);
  }
}
