import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody, FieldError } from '@upstand/contracts';

/** One line of the NHS error summary; `field` is the id of the input it links to, if any. */
export interface ErrorItem {
  text: string;
  field?: string;
}

export interface MappedApiError {
  /** HTTP status; 0 when the request never reached the server. */
  status: number;
  /** Errors to show; each names the form field it belongs to when the field is on the form. */
  errors: ErrorItem[];
}

export const GENERIC_MESSAGES = {
  network: 'The service cannot be reached. Check your connection and try again.',
  signedOut: 'You have been signed out. Sign in again.',
  forbidden: 'You do not have permission to do that.',
  notFound: 'The page or record was not found.',
  throttled: 'Too many attempts. Wait 15 minutes and try again',
  server: 'Sorry, there is a problem with the service. Try again later.',
  unknown: 'Sorry, something went wrong. Try again.',
} as const;

export interface MapApiErrorOptions {
  /** Ids of the inputs on the form; server errors for other fields are shown without a link. */
  fields?: readonly string[];
  /** Messages to use for given statuses instead of the server's (for example 401 on the sign-in form). */
  messages?: Partial<Record<number, string>>;
}

/** Statuses whose server message is not meant for users (framework defaults such as "Forbidden resource"). */
const GENERIC_ONLY = [401, 403, 429];

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'message' in body;
}

function fallbackMessage(status: number): string {
  if (status === 0) return GENERIC_MESSAGES.network;
  if (status === 401) return GENERIC_MESSAGES.signedOut;
  if (status === 403) return GENERIC_MESSAGES.forbidden;
  if (status === 404) return GENERIC_MESSAGES.notFound;
  if (status === 429) return GENERIC_MESSAGES.throttled;
  if (status >= 500) return GENERIC_MESSAGES.server;
  return GENERIC_MESSAGES.unknown;
}

/**
 * Turns any error from HttpClient into the lines of an error summary.
 * Field errors from the API (`errors: [{field, message}]`) keep their field so the summary can link to the
 * input; a body with only `message` gives one line without a link.
 */
export function mapApiError(error: unknown, options: MapApiErrorOptions = {}): MappedApiError {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: -1, errors: [{ text: GENERIC_MESSAGES.unknown }] };
  }
  const status = error.status;
  const override = options.messages?.[status];
  if (override) {
    return { status, errors: [{ text: override }] };
  }
  const body: unknown = error.error;
  const fields = options.fields;
  const errors: ErrorItem[] = [];

  if (isApiErrorBody(body) && status >= 400 && status < 500 && !GENERIC_ONLY.includes(status)) {
    for (const fieldError of body.errors ?? []) {
      errors.push(toItem(fieldError, fields));
    }
    if (errors.length === 0) {
      const messages = Array.isArray(body.message) ? body.message : [body.message];
      for (const text of messages) {
        if (typeof text === 'string' && text.trim()) errors.push({ text });
      }
    }
  }
  if (errors.length === 0) {
    errors.push({ text: fallbackMessage(status) });
  }
  return { status, errors };
}

function toItem(fieldError: FieldError, fields: readonly string[] | undefined): ErrorItem {
  const linkable = !fields || fields.includes(fieldError.field);
  return linkable && fieldError.field
    ? { text: fieldError.message, field: fieldError.field }
    : { text: fieldError.message };
}

/** Whether the API refused the request because of this field (for example an emailed link's expired token). */
export function refusedField(error: unknown, field: string): boolean {
  const body = error instanceof HttpErrorResponse ? (error.error as { errors?: FieldError[] } | null) : null;
  return Array.isArray(body?.errors) && body.errors.some((fieldError) => fieldError.field === field);
}
