import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ApiErrorBody, FieldError } from '@upstand/contracts';
import { NextFunction, Request, Response } from 'express';

/** Deeper JSON than this is no real form: refused before class-transformer recurses into it. */
export const MAX_BODY_DEPTH = 32;
/** Keys that reach Object.prototype (or a class) when copied with plain assignment: refused wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored or compared safely, or null when it is fine. */
export function unsafeTextProblem(field: string, value: string): string | null {
  // PostgreSQL refuses NUL in text (a 500 before), and a lone surrogate is not valid UTF-8 at all.
  if (value.includes('\u0000')) return `${field} must not contain a NUL character`;
  if (LONE_SURROGATE.test(value))
    return `${field} must not contain invalid characters (an unpaired surrogate)`;
  return null;
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/**
 * Walks a parsed body or query and lists what no route should ever receive: nesting beyond MAX_BODY_DEPTH,
 * prototype-polluting keys, and strings PostgreSQL or UTF-8 cannot hold. Stops at the first depth problem,
 * so a 3,000-deep document costs 32 steps, not 3,000.
 */
export function findUnsafeInput(value: unknown, root: string, path = '', depth = 0): FieldError[] {
  const field = path || root;
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(field, value);
    return problem ? [{ field, message: problem }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (depth >= MAX_BODY_DEPTH)
    return [{ field: root, message: `${root} is nested too deeply (more than ${MAX_BODY_DEPTH} levels)` }];
  const errors: FieldError[] = [];
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
  for (const [key, item] of entries) {
    const itemField = join(path, key);
    if (FORBIDDEN_KEYS.has(key)) {
      errors.push({ field: itemField, message: `${itemField} is not an allowed field` });
      continue;
    }
    const keyProblem = unsafeTextProblem('a field name', key);
    if (keyProblem) {
      errors.push({ field: root, message: keyProblem });
      continue;
    }
    const nested = findUnsafeInput(item, root, itemField, depth + 1);
    errors.push(...nested);
    if (nested.some((error) => error.field === root && error.message.includes('nested too deeply'))) break;
  }
  return errors;
}

function badRequest(response: Response, errors: FieldError[]): void {
  const body: ApiErrorBody = {
    statusCode: 400,
    error: 'Bad Request',
    message: errors.map((error) => error.message),
    errors,
  };
  response.status(400).json(body);
}

/**
 * Runs after the body parsers, before any route: the one place that refuses unsafe bodies and queries, so no
 * DTO has to remember NUL bytes, lone surrogates, `__proto__` or deep nesting.
 */
export function rejectUnsafeInput(request: Request, response: Response, next: NextFunction): void {
  // Fields are named as the DTOs name them: `q` for ?q=, `email` or `venue.name` for body fields.
  const errors = [...findUnsafeInput(request.query, 'query'), ...findUnsafeInput(request.body, 'body')];
  if (errors.length > 0) return badRequest(response, errors);
  next();
}

/** The same rules for route parameters, which only exist once a route has matched (so a pipe, not middleware). */
@Injectable()
export class SafeParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || typeof value !== 'string') return value;
    const field = metadata.data ?? 'path';
    const problem = unsafeTextProblem(field, value);
    if (problem) throw new BadRequestException({ message: [problem], errors: [{ field, message: problem }] });
    return value;
  }
}
