import fc from 'fast-check';
import { randomBytes } from 'crypto';
import { writeFileSync } from 'fs';
import request from 'supertest';
import { csrfTokenFor } from '../src/common/csrf.middleware';
import { createTestApp, DEMO_PASSWORD, TestApp } from './support/test-app';

/**
 * Property-based fuzzing driven by the app's own OpenAPI document: for every operation, as anonymous and as
 * each demo role, malformed variants of every path parameter, query parameter, body field and a few headers.
 * The properties: no request ever answers 5xx; no request answers 2xx when the caller lacks the route's role
 * (read from the operation's `x-access`, which the access decorators write) or when the input breaks the
 * route's schema or the app's input rules (NUL, lone surrogates, prototype keys, depth, unknown fields).
 *
 * Deterministic: FUZZ_SEED picks the seed (printed); the same seed sends the same requests.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261206);
/** Variants per operation for a caller the route admits (these reach validation and the services)... */
const ADMITTED_VARIANTS = Number(process.env['FUZZ_ADMITTED_VARIANTS'] ?? 14);
/** ...and for a caller it refuses (these only have to be refused). */
const REFUSED_VARIANTS = Number(process.env['FUZZ_REFUSED_VARIANTS'] ?? 3);
const CONCURRENCY = 4;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: string[] };
interface Operation {
  method: string;
  path: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  'x-access'?: AccessRule;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  components: { schemas: Record<string, Schema> };
}

interface Caller {
  name: string;
  roles: string[];
  /** The session cookie's token, or null for an anonymous browser */
  session: string | null;
}

/** One fuzzed request and why (if at all) a 2xx answer to it would be wrong. */
interface FuzzCase {
  operation: string;
  caller: Caller;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Set when a 2xx would be a failure: the caller lacks the role, or the input is invalid */
  refuse?: string;
  description: string;
}

/** What a single mutation does to a request. */
interface Mutation {
  description: string;
  /** Why this input must never be accepted, or undefined when it might legitimately be */
  invalid?: string;
  apply: (parts: RequestParts) => void;
}
interface RequestParts {
  path: Record<string, string>;
  query: Record<string, string>;
  body: Json | undefined;
  rawBody?: string | Buffer;
  contentType?: string;
  headers: Record<string, string>;
  urlPrefix: (url: string) => string;
}

const NUL = 'a\u0000b';
const LONE_SURROGATE = '\ud800x';
const HUGE = 'x'.repeat(120_000);

function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(document, document.components.schemas[schema.$ref.split('/').pop()!]);
  const combined = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (combined && combined.length > 0)
    return { ...resolve(document, combined[0]), ...schema, allOf: undefined };
  return schema;
}

/** A value the schema accepts, so that one mutated field is the only thing wrong with a request. */
function validValue(document: OpenApiDocument, raw: Schema | undefined, depth = 0): Json {
  const schema = resolve(document, raw);
  if (schema.example !== undefined) return schema.example as Json;
  if (schema.default !== undefined) return schema.default as Json;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0] as Json;
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'email') return 'fuzz.person@example.nhs.uk';
      if (schema.format === 'date') return '2027-03-01';
      if (schema.format === 'date-time') return '2027-03-01T10:00:00.000Z';
      if (schema.format === 'uri') return 'https://example.nhs.uk/meet';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return depth > 4
        ? []
        : Array.from({ length: schema.minItems ?? 0 }, () => validValue(document, schema.items, depth + 1));
    default: {
      if (!schema.properties || depth > 4) return {};
      const result: Record<string, Json> = {};
      for (const name of schema.required ?? [])
        result[name] = validValue(document, schema.properties[name], depth + 1);
      return result;
    }
  }
}

/** Values of every JSON type but the schema's own, each of which the schema refuses. */
function wrongTypes(schema: Schema): fc.Arbitrary<Json> {
  const options: fc.Arbitrary<Json>[] = [];
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  if (type !== 'string') options.push(fc.constantFrom<Json>('not-a-number', 'true', '', '{}'));
  if (type !== 'number' && type !== 'integer')
    options.push(fc.constantFrom<Json>(0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2));
  if (type !== 'boolean') options.push(fc.constantFrom<Json>(true, false));
  if (type !== 'array') options.push(fc.constantFrom<Json>([], ['x'], [[[]]], [{ a: 1 }]));
  if (type !== 'object') options.push(fc.constantFrom<Json>({}, { a: 'b' }));
  if (!schema.nullable) options.push(fc.constant<Json>(null));
  return fc.oneof(...options);
}

/** Strings no route should accept whatever its schema (the app's own rule), or too long for this one. */
function badStrings(schema: Schema): fc.Arbitrary<{ value: string; invalid?: string }> {
  const always = fc.constantFrom(
    { value: NUL, invalid: 'contains NUL' },
    { value: `${NUL}@example.nhs.uk`, invalid: 'contains NUL' },
    { value: LONE_SURROGATE, invalid: 'contains a lone surrogate' },
    { value: '\ud800@example.nhs.uk', invalid: 'contains a lone surrogate' },
    { value: '\udfff', invalid: 'contains a lone surrogate' },
  );
  const odd = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }).map((value) => ({ value })),
    fc.constantFrom(
      { value: "' OR 1=1 --" },
      { value: '../../../etc/passwd' },
      { value: '%00%2e%2e' },
      { value: '💥👩🏽‍⚕️' },
      { value: '   ' },
      { value: '9999-99-99' },
      { value: '2027-02-30' },
      { value: '-1' },
      { value: '1e999' },
      { value: 'ffffffff-ffff-ffff-ffff-ffffffffffff' },
    ),
  );
  const huge = fc.constant({
    value: HUGE,
    invalid: schema.maxLength !== undefined ? `longer than maxLength ${schema.maxLength}` : undefined,
  });
  return fc.oneof(
    { arbitrary: always, weight: 3 },
    { arbitrary: odd, weight: 3 },
    { arbitrary: huge, weight: 1 },
  );
}

function nested(depth: number): Json {
  let value: Json = 'leaf';
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? { a: value } : [value];
  return value;
}

/** Query and path values are strings: which of these must a route refuse, given its parameter schema? */
function badParameter(schema: Schema): fc.Arbitrary<{ value: string; invalid?: string }> {
  const typed: { value: string; invalid?: string }[] = [];
  if (schema.enum) typed.push({ value: 'not-an-option', invalid: 'not in enum' });
  if (schema.format === 'uuid') typed.push({ value: 'not-a-uuid', invalid: 'not a uuid' });
  if (schema.type === 'integer' || schema.type === 'number')
    typed.push({ value: 'abc', invalid: 'not a number' }, { value: '1e999' });
  if (schema.type === 'boolean') typed.push({ value: 'maybe', invalid: 'not a boolean' });
  return fc.oneof(
    ...(typed.length > 0 ? [fc.constantFrom(...typed)] : []),
    badStrings(schema)
      .filter((candidate) => candidate.value.length < 10_000)
      // A URL carries UTF-8, so a lone surrogate arrives as U+FFFD: harmless text, not invalid input.
      .map((candidate) =>
        candidate.invalid?.includes('surrogate') ? { value: candidate.value } : candidate,
      ),
  );
}

function isAdmitted(rule: AccessRule | undefined, caller: Caller): boolean {
  if (!rule) return false; // no declared rule: the guard refuses everyone
  if (rule.kind === 'public') return true;
  if (!caller.session) return false;
  return rule.kind === 'authenticated' || rule.roles.some((role) => caller.roles.includes(role));
}

/** Every way this operation's input can be broken, as fast-check arbitraries. */
function mutationsFor(document: OpenApiDocument, operation: Operation): fc.Arbitrary<Mutation> {
  const choices: fc.Arbitrary<Mutation>[] = [];
  for (const parameter of operation.parameters ?? []) {
    const schema = resolve(document, parameter.schema);
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    choices.push(
      badParameter(schema).map(({ value, invalid }) => ({
        description: `${parameter.in} ${parameter.name}=${JSON.stringify(value.slice(0, 40))}`,
        invalid,
        apply: (parts) => {
          if (parameter.in === 'path') parts.path[parameter.name] = encodeUtf8(value);
          else parts.query[parameter.name] = value;
        },
      })),
    );
    if (parameter.in === 'path')
      choices.push(
        fc
          .constantFrom(
            { raw: '%00', invalid: 'contains NUL' },
            { raw: '%ED%A0%80', invalid: 'not UTF-8' },
            { raw: '%C0%AF', invalid: 'not UTF-8' },
            { raw: '%', invalid: 'bad percent-encoding' },
            { raw: '%2e%2e%2f%2e%2e' },
            { raw: 'NULL' },
          )
          .map(({ raw, invalid }) => ({
            description: `path ${parameter.name} raw ${raw}`,
            invalid,
            apply: (parts) => {
              parts.path[parameter.name] = raw;
            },
          })),
      );
    if (parameter.in === 'query')
      choices.push(
        fc.constantFrom('%00', '%ED%A0%80', '%', '&&&', '%5B%5D=1').map((raw) => ({
          description: `query ${parameter.name} raw ${raw}`,
          invalid: raw === '%00' ? 'contains NUL' : undefined,
          apply: (parts) => {
            parts.query[`${parameter.name}`] = decodeURIComponentLoose(raw);
          },
        })),
        fc.constant<Mutation>({
          description: `query ${parameter.name} repeated`,
          apply: (parts) => {
            parts.urlPrefix = (url) =>
              `${url}${url.includes('?') ? '&' : '?'}${parameter.name}=a&${parameter.name}=b`;
          },
        }),
      );
  }

  const json = operation.requestBody?.content['application/json'];
  if (json) {
    const bodySchema = resolve(document, json.schema);
    for (const [name, raw] of Object.entries(bodySchema.properties ?? {})) {
      const schema = resolve(document, raw);
      // class-validator's @IsOptional reads null as "not given", which the API relies on for optional fields.
      const optional = !(bodySchema.required ?? []).includes(name);
      choices.push(
        wrongTypes(schema).map((value) => ({
          description: `body ${name} = ${JSON.stringify(value)}`,
          invalid: value === null && optional ? undefined : `${name} has the wrong type`,
          apply: (parts) => setField(parts, name, value),
        })),
        badStrings(schema).map(({ value, invalid }) => ({
          description: `body ${name} = ${JSON.stringify(value.slice(0, 40))}`,
          // A string where the schema wants something else is invalid too.
          invalid:
            invalid ?? (schema.type && schema.type !== 'string' ? `${name} is not a string` : undefined),
          apply: (parts) => setField(parts, name, value),
        })),
      );
      if (schema.type === 'array' || schema.type === 'object' || schema.properties)
        choices.push(
          fc.constantFrom(NUL, LONE_SURROGATE).map((value) => ({
            description: `body ${name} nested bad string`,
            invalid: 'contains NUL or a lone surrogate',
            apply: (parts) => setField(parts, name, schema.type === 'array' ? [{ x: value }] : { x: value }),
          })),
        );
    }
    choices.push(
      fc.constantFrom('__proto__', 'constructor', 'prototype').map((key) => ({
        description: `body with a ${key} key`,
        invalid: `${key} key`,
        apply: (parts) => {
          parts.rawBody = `${JSON.stringify(parts.body ?? {}).replace(/}$/, '')}${
            JSON.stringify(parts.body ?? {}) === '{}' ? '' : ','
          }"${key}":{"isAdmin":true}}`;
        },
      })),
      fc.integer({ min: 33, max: 4000 }).map((depth) => ({
        description: `body nested ${depth} deep`,
        invalid: 'nested too deeply',
        apply: (parts) =>
          setField(parts, Object.keys(bodySchema.properties ?? { a: 0 })[0] ?? 'a', nested(depth)),
      })),
      fc.constantFrom<Json>('just a string', 42, null, [], [1, 2]).map((body) => ({
        description: `body ${JSON.stringify(body)}`,
        invalid: 'body is not an object',
        apply: (parts) => {
          parts.body = body;
        },
      })),
      fc.constant<Mutation>({
        description: 'unknown field',
        invalid: 'unknown field',
        apply: (parts) => setField(parts, 'isAdmin', true),
      }),
      fc.constantFrom('{"a":', '{"a":1}}', '\u0000', '{"a":"\\ud800"}').map((raw) => ({
        description: `raw body ${JSON.stringify(raw)}`,
        invalid: 'not valid JSON or bad text',
        apply: (parts) => {
          parts.rawBody = raw;
        },
      })),
    );
  }
  const csv = operation.requestBody?.content['text/csv'];
  if (csv)
    choices.push(
      fc
        .constantFrom('a,b\n1,2\n', `name\n${NUL}\n`, 'x'.repeat(50_000), '"unterminated\n', '\ufeff,,,\n')
        .map((raw) => ({
          description: `csv body ${JSON.stringify(raw.slice(0, 20))}`,
          apply: (parts) => {
            parts.rawBody = raw;
            parts.contentType = 'text/csv';
          },
        })),
    );

  // Headers and path spelling apply to every operation.
  choices.push(
    fc
      .constantFrom(
        { name: 'Content-Encoding', value: 'gzip', invalid: 'body is not gzip' },
        { name: 'Content-Encoding', value: 'deflate', invalid: 'body is not deflate' },
        { name: 'Content-Encoding', value: 'br', invalid: 'body is not brotli' },
        { name: 'Content-Encoding', value: 'compress', invalid: 'unsupported encoding' },
        { name: 'Content-Type', value: 'application/json; charset=utf-7', invalid: 'unsupported charset' },
        { name: 'Content-Type', value: 'application/x-www-form-urlencoded', invalid: undefined },
        { name: 'Accept', value: 'text/html', invalid: undefined },
      )
      .map(({ name, value, invalid }) => ({
        description: `header ${name}: ${value}`,
        // Only a request that has a body to decode must be refused.
        invalid: json && name === 'Content-Encoding' ? invalid : undefined,
        apply: (parts) => {
          parts.headers[name] = value;
          if (name === 'Content-Encoding') parts.rawBody = 'definitely not compressed';
        },
      })),
    fc
      .constantFrom<[string, (url: string) => string]>(
        ['upper case', (url) => url.replace(/^\/api/, '/API')],
        [
          'mixed case',
          (url) =>
            url.replace(/[a-z]/g, (letter, index: number) =>
              index % 3 === 0 ? letter.toUpperCase() : letter,
            ),
        ],
        ['trailing slash', (url) => url.replace(/(\?|$)/, '/$1')],
        ['encoded letter', (url) => url.replace(/^\/api/, '/%61pi')],
        ['double slash', (url) => url.replace(/^\/api\//, '/api//')],
        ['encoded slash', (url) => url.replace(/^\/api\//, '/api%2F')],
      )
      .map(([description, rewrite]) => ({
        description: `path spelt ${description}`,
        apply: (parts) => {
          parts.urlPrefix = rewrite;
        },
      })),
  );
  return fc.oneof(...choices);
}

/** Percent-encodes the UTF-8 bytes as a browser would (a lone surrogate becomes U+FFFD, never an exception). */
function encodeUtf8(value: string): string {
  return Array.from(Buffer.from(value, 'utf8'))
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function decodeURIComponentLoose(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function setField(parts: RequestParts, name: string, value: Json): void {
  const body = parts.body && typeof parts.body === 'object' && !Array.isArray(parts.body) ? parts.body : {};
  parts.body = { ...body, [name]: value };
}

describe('fuzzing every operation in the OpenAPI document', () => {
  let testApp: TestApp;
  let document: OpenApiDocument;
  const callers: Caller[] = [{ name: 'anonymous', roles: [], session: null }];
  /** Real ids, so that services run past their "not found" checks. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    testApp = await createTestApp();
    const anonymous = await testApp.client();
    document = (await anonymous.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    for (const person of ['lead', 'facilitator', 'delegate', 'manager', 'sponsor', 'steering']) {
      const client = await testApp.signedIn(`${person}@demo.upstand.test`, DEMO_PASSWORD);
      const me = (await client.get('/api/auth/me').expect(200)).body as { roles: { role: string }[] };
      const session = client.agent.jar
        .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
        .find((cookie) => cookie.name === 'upstand_session')?.value;
      callers.push({ name: person, roles: me.roles.map((grant) => grant.role), session: session ?? null });
    }
    const tables: Record<string, string> = {
      organisations: 'organisation',
      programmes: 'programme',
      venues: 'venue',
      facilitators: 'facilitator',
      cohorts: 'cohort',
      sessions: 'session',
      'session-feedback': 'session',
      sets: 'learning_set',
      enrolments: 'enrolment',
      approvals: 'approval_request',
      reviews: 'programme_review',
      actions: 'programme_action',
    };
    for (const [segment, table] of Object.entries(tables)) {
      const [row] = await testApp.sql<{ id: string }>(`SELECT id::text AS id FROM ${table} LIMIT 1`);
      if (row) ids[segment] = row.id;
    }
  }, 120_000);
  afterAll(() => testApp.close());

  /** A plausible value for a path parameter: a real id when one exists, else something of the right shape. */
  function pathValue(path: string, parameter: Parameter): string {
    const schema = resolve(document, parameter.schema);
    if (schema.enum?.length) return String(schema.enum[0]);
    const segments = path.split('/');
    const before = segments[segments.indexOf(`{${parameter.name}}`) - 1] ?? '';
    if (parameter.name === 'file') return before === 'feed' ? 'unknown.ics' : 'overview.csv';
    if (parameter.name === 'token') return randomBytes(32).toString('base64url');
    return (
      ids[before] ?? ids[`${parameter.name.replace(/Id$/, '')}s`] ?? '00000000-0000-4000-8000-000000000000'
    );
  }

  function buildCases(): FuzzCase[] {
    const cases: FuzzCase[] = [];
    const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        ...operation,
        method: method.toUpperCase(),
        path,
      })),
    );
    // Signing out ends the caller's session for everything after it: those go last.
    operations.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
    operations.forEach((operation, operationIndex) => {
      const mutations = mutationsFor(document, operation);
      callers.forEach((caller, callerIndex) => {
        const admitted = isAdmitted(operation['x-access'], caller);
        const count = admitted ? ADMITTED_VARIANTS : REFUSED_VARIANTS;
        const samples = fc.sample(mutations, {
          seed: SEED + operationIndex * 101 + callerIndex,
          numRuns: count,
        });
        for (const mutation of samples) {
          const json = operation.requestBody?.content['application/json'];
          const parts: RequestParts = {
            path: {},
            query: {},
            body: json ? validValue(document, json.schema) : undefined,
            headers: {},
            urlPrefix: (url) => url,
          };
          for (const parameter of operation.parameters ?? []) {
            if (parameter.in === 'path') parts.path[parameter.name] = pathValue(operation.path, parameter);
            else if (parameter.in === 'query' && parameter.required) {
              const schema = resolve(document, parameter.schema);
              const value =
                schema.format === 'uuid' && parameter.name === 'programmeId' && ids['programmes']
                  ? ids['programmes']
                  : String(validValue(document, schema));
              parts.query[parameter.name] = value;
            }
          }
          mutation.apply(parts);
          let url = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => parts.path[name] ?? 'x');
          const search = new URLSearchParams(parts.query).toString();
          if (search) url += `?${search}`;
          url = parts.urlPrefix(url);
          const body =
            parts.rawBody ??
            (parts.body !== undefined && operation.method !== 'GET' ? JSON.stringify(parts.body) : undefined);
          const headers: Record<string, string> = { ...parts.headers };
          if (body !== undefined && !headers['Content-Type'])
            headers['Content-Type'] = parts.contentType ?? 'application/json';
          cases.push({
            operation: `${operation.method} ${operation.path}`,
            caller,
            method: operation.method,
            url,
            headers,
            body,
            refuse: admitted ? mutation.invalid : `${caller.name} may not call it`,
            description: mutation.description,
          });
        }
      });
    });
    return cases;
  }

  async function send(fuzz: FuzzCase): Promise<{ status: number; text: string }> {
    const server = testApp.app.getHttpServer();
    const binding = fuzz.caller.session ?? `fuzz-presession-${fuzz.caller.name}-0000000000`;
    const cookie = fuzz.caller.session ? `upstand_session=${binding}` : `upstand_presession=${binding}`;
    // supertest sends the path as written, so odd spellings (/API, %61pi, //) reach the server unchanged.
    let test = request(server)
      [fuzz.method.toLowerCase() as 'get'](fuzz.url)
      .set('Cookie', cookie)
      .set('X-XSRF-TOKEN', csrfTokenFor(binding))
      .timeout(10_000);
    for (const [name, value] of Object.entries(fuzz.headers)) test = test.set(name, value);
    if (fuzz.body !== undefined)
      test = test.serialize((value: unknown) => value as string).send(fuzz.body as string);
    const response = await test.buffer(true).parse((res, callback) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8').slice(0, 2000)));
      res.on('end', () => callback(null, text));
    });
    return { status: response.status, text: String(response.body ?? '') };
  }

  it(
    'never answers 5xx, nor 2xx to a caller without the role or to invalid input',
    async () => {
      const cases = buildCases();
      console.log(
        `Fuzz seed ${SEED} (set FUZZ_SEED to replay): ${cases.length} requests over ${callers.length} callers`,
      );
      const histogram: Record<string, number> = {};
      const totalTime: Record<string, number> = {};
      const slowest: Record<string, number> = {};
      const failures: string[] = [];
      let next = 0;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < cases.length) {
            const fuzz = cases[next++]!;
            let status: number;
            let text = '';
            const sentAt = Date.now();
            try {
              ({ status, text } = await send(fuzz));
            } catch (error) {
              status = 0;
              text = (error as Error).message;
            }
            histogram[status] = (histogram[status] ?? 0) + 1;
            const took = Date.now() - sentAt;
            totalTime[fuzz.operation] = (totalTime[fuzz.operation] ?? 0) + took;
            slowest[fuzz.operation] = Math.max(slowest[fuzz.operation] ?? 0, took);
            const where = `${fuzz.caller.name} ${fuzz.method} ${fuzz.url.slice(0, 160)} [${fuzz.description}]`;
            if (status === 0 || status >= 500) failures.push(`${status} ${where}: ${text.slice(0, 300)}`);
            else if (status >= 200 && status < 300 && fuzz.refuse)
              failures.push(`${status} although ${fuzz.refuse}: ${where}: ${text.slice(0, 200)}`);
          }
        }),
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const summary = Object.entries(histogram)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([status, count]) => `${status}: ${count}`)
        .join(', ');
      console.log(`Fuzz: ${cases.length} requests in ${seconds} s (seed ${SEED}); statuses ${summary}`);
      if (process.env['FUZZ_REPORT']) writeFileSync(process.env['FUZZ_REPORT'], failures.join('\n'));
      if (process.env['FUZZ_PROFILE'])
        console.log(
          Object.entries(totalTime)
            .sort(([, a], [, b]) => b - a)
            .slice(0, 20)
            .map(([operation, ms]) => `${operation}: total ${ms} ms, slowest ${slowest[operation]} ms`)
            .join('\n'),
        );
      expect(cases.length).toBeGreaterThanOrEqual(5000);
      expect(failures.slice(0, 40)).toEqual([]);
    },
    Number(process.env['FUZZ_TIMEOUT_MS'] ?? 240_000),
  );
});
