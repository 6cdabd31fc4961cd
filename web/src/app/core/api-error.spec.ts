import { HttpErrorResponse } from '@angular/common/http';
import { GENERIC_MESSAGES, mapApiError } from './api-error';

function httpError(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, url: '/api/organisations' });
}

describe('mapApiError', () => {
  it('keeps field errors so the summary can link to each input', () => {
    const mapped = mapApiError(
      httpError(409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'Conflict',
        errors: [{ field: 'odsCode', message: 'An organisation with ODS code RWE already exists' }],
      }),
      { fields: ['odsCode', 'name'] },
    );
    expect(mapped).toEqual({
      status: 409,
      errors: [{ field: 'odsCode', text: 'An organisation with ODS code RWE already exists' }],
    });
  });

  it('shows errors for fields that are not on the form without a link', () => {
    const mapped = mapApiError(
      httpError(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [
          { field: 'name', message: 'Enter the organisation name' },
          { field: 'rows.3.name', message: 'Row 3 has no name' },
        ],
      }),
      { fields: ['name'] },
    );
    expect(mapped.errors).toEqual([
      { field: 'name', text: 'Enter the organisation name' },
      { text: 'Row 3 has no name' },
    ]);
  });

  it('uses the message when there are no field errors, one line per message', () => {
    expect(
      mapApiError(httpError(400, { statusCode: 400, error: 'Bad Request', message: ['a', 'b'] })).errors,
    ).toEqual([{ text: 'a' }, { text: 'b' }]);
    expect(
      mapApiError(httpError(404, { statusCode: 404, error: 'Not Found', message: 'Organisation not found' }))
        .errors,
    ).toEqual([{ text: 'Organisation not found' }]);
  });

  it('replaces framework messages with plain English', () => {
    expect(
      mapApiError(httpError(429, { statusCode: 429, message: 'ThrottlerException: Too Many Requests' }))
        .errors,
    ).toEqual([{ text: 'Too many attempts. Wait 15 minutes and try again' }]);
    expect(
      mapApiError(httpError(403, { statusCode: 403, message: 'Forbidden resource' })).errors[0].text,
    ).toBe(GENERIC_MESSAGES.forbidden);
    expect(
      mapApiError(httpError(500, { statusCode: 500, message: 'Internal server error' })).errors[0].text,
    ).toBe(GENERIC_MESSAGES.server);
    expect(mapApiError(httpError(0, null)).errors[0].text).toBe(GENERIC_MESSAGES.network);
    expect(mapApiError(new Error('boom')).errors[0].text).toBe(GENERIC_MESSAGES.unknown);
  });

  it('lets the caller choose the message for a status', () => {
    const mapped = mapApiError(httpError(401, { statusCode: 401, message: 'Unauthorized' }), {
      messages: { 401: 'Email or password is incorrect' },
    });
    expect(mapped).toEqual({ status: 401, errors: [{ text: 'Email or password is incorrect' }] });
  });
});
