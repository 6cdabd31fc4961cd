import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'fs';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { join, resolve } from 'path';
import { ApiErrorBody } from '@upstand/contracts';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { responseCompression } from './common/compression';
import { csrfProtection } from './common/csrf.middleware';
import { rejectUnsafeInput, SafeParamsPipe } from './common/safe-input';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { pendingMigrationsAt, runMigrations } from './database/migrate';
import { isSecureRequest } from './modules/auth/session-cookie';
import { ImpactAggregatesService } from './modules/analytics/aggregates/impact-aggregates.service';
import { SeedService } from './modules/demo/seed.service';

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `MIGRATE_ON_START=false and ${pending.length} migration(s) are not applied (${pending.join(', ')}): run \`npm run migrate\` (or \`node api/migrate.js\` in a build) first`,
    );
    this.name = 'PendingMigrationsError';
  }
}

export interface StartedApplication {
  app: NestExpressApplication;
  /** Where the Angular build was found, or null when the API runs alone */
  webDir: string | null;
}

/**
 * Migrates (unless MIGRATE_ON_START=false), builds and configures the whole application (used by main.ts and the
 * integration tests).
 */
export async function createApplication(config: AppConfig, databaseUrl: string): Promise<StartedApplication> {
  // The migration lock is a session-level advisory lock: it needs DATABASE_SESSION_URL behind a transaction pooler.
  if (config.database.migrateOnStart) await runMigrations(config.database.sessionUrl ?? databaseUrl);
  else {
    // Migrations are a release step here: starting on an older schema would fail in odd places later.
    const pending = await pendingMigrationsAt(databaseUrl);
    if (pending.length > 0) throw new PendingMigrationsError(pending);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const webDir = configureApplication(app, config);
  await app.init();
  await app.get(SeedService).seed();
  // Outside production the seed may just have written demo data (the synthetic pilot, the demo journeys): its
  // Impact figures are computed before the app answers, so the first report is complete. In production a large
  // change log (an upgrade) is left to the background and `npm run analytics:rebuild`, not a slow start.
  if (!config.isProduction) await app.get(ImpactAggregatesService).drain();
  return { app, webDir };
}

function configureApplication(app: NestExpressApplication, config: AppConfig): string | null {
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(responseCompression());
  app.use(cookieParser());
  app.use('/api', noStore);
  // Before the body is read: a forged request is refused without decoding anything it sent.
  app.use(csrfProtection((request) => isSecureRequest(config, request)));
  app.use(
    '/api',
    express.json({ limit: '1mb' }),
    express.text({ type: ['text/csv', 'text/plain'], limit: '10mb' }),
    bodyParserErrors,
    rejectUnsafeInput,
  );
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new SafeParamsPipe(), createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Upstand API')
      .setDescription(
        'Runs the NHS Active Bystander Programme. Sign in with POST /api/auth/login; mutating requests must echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header.',
      )
      .setVersion('0.1.0')
      .addCookieAuth('upstand_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const webDir = findWebDir(config);
  if (webDir) {
    app.useStaticAssets(webDir, { index: false, maxAge: '1h', setHeaders: noCacheForIndex });
    const indexFile = join(webDir, 'index.html');
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' || request.path.startsWith('/api') || !request.accepts('html'))
        return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(indexFile);
    });
  }
  return webDir;
}

function noCacheForIndex(response: Response, path: string): void {
  if (path.endsWith('index.html')) response.setHeader('Cache-Control', 'no-cache');
}

/** The Angular build: UPSTAND_WEB_DIST, else dist/web/browser beside the built API or from the working directory. */
function findWebDir(config: AppConfig): string | null {
  const candidates = config.web.distDir
    ? [config.web.distDir]
    : [resolve(__dirname, '../web/browser'), resolve('dist/web/browser')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * API answers hold personal data (names, roles, equality answers): no shared or browser cache may keep them.
 * A handler that serves deliberately cacheable data may set its own Cache-Control after this.
 */
function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * Every error the body parsers raise is the client's: malformed JSON, a body that is not the gzip/deflate/br
 * its Content-Encoding claims, an unsupported encoding or charset, an oversized body. Each becomes a JSON 4xx
 * naming `body` instead of reaching the exception filter as an unknown error (a 500 before).
 */
function bodyParserErrors(
  error: { type?: string; status?: number; message?: string; code?: string },
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  const status = typeof error?.status === 'number' ? error.status : 0;
  if (status < 400 || status >= 500) return next(error);
  const statusCode = error.type === 'entity.too.large' ? 413 : status;
  const reason =
    error.type === 'entity.parse.failed'
      ? 'body must be valid JSON'
      : error.type === 'entity.too.large'
        ? 'body is too large'
        : statusCode === 415
          ? `body uses an unsupported encoding or charset (${error.message ?? 'unknown'})`
          : error.type
            ? (error.message ?? 'body could not be read')
            : // No type: the decompression stream failed, so the body is not what Content-Encoding says.
              'body could not be decoded as its Content-Encoding says';
  const body: ApiErrorBody = {
    statusCode,
    error:
      statusCode === 413
        ? 'Payload Too Large'
        : statusCode === 415
          ? 'Unsupported Media Type'
          : 'Bad Request',
    message:
      error.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON'
        : error.type === 'entity.too.large'
          ? 'The request body is too large'
          : 'The request body could not be read',
    errors: [{ field: 'body', message: reason }],
  };
  response.status(statusCode).json(body);
}
