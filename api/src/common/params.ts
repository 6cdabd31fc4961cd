import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from './domain-errors';

/** `@Param('id', uuidParam)`: a malformed id is a 400 naming the field, not a database error. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => InvalidInputError.field('id', 'id must be a UUID'),
});
