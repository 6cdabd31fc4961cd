import { HttpParams } from '@angular/common/http';

/** A list's query as HTTP parameters: only those that are set, so the API sees no empty filters. */
export function queryParams(query: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') result = result.set(key, String(value));
  return result;
}
