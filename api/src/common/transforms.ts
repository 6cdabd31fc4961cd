/** class-transformer helpers shared by the DTOs. */

type TransformInput = { value: unknown };

/** Trims surrounding spaces from strings; leaves other values for the validators to reject. */
export const trim = ({ value }: TransformInput) => (typeof value === 'string' ? value.trim() : value);

/** Trims and upper-cases (ODS codes). */
export const trimUpper = ({ value }: TransformInput) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

/** Trims and lower-cases (email addresses). */
export const trimLower = ({ value }: TransformInput) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** Query-string booleans: "true"/"false" become booleans; anything else is left to fail validation. */
export const queryBoolean = ({ value }: TransformInput) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;
