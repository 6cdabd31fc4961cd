/** One problem with one input field; `field` is a dotted path such as `odsCode` or `rows.3.name`. */
export interface FieldError {
  field: string;
  message: string;
}

/** Shape of every 4xx/5xx body the API returns. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  errors?: FieldError[];
}
