import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { mergeMap, Observable } from 'rxjs';
import { AuditService } from './audit.service';

export const DOWNLOAD_AUDIT_METADATA = 'upstand:audits-download';

export interface DownloadAuditRule {
  /** What is downloaded, e.g. 'delegate-list': the event's action is `<what>.downloaded`. */
  what: string;
  /** The entity the route's `:id` names (e.g. 'cohort'); without it the event names no entity. */
  entity?: string;
  /** The answer's property holding the rows, when the answer is not itself the list of rows. */
  rows?: string;
}

/**
 * The route hands out person-level data (names, contact details, progress): every successful answer leaves an
 * audit event saying who downloaded what, with which filters (their names, never their values) and how many
 * rows. Recorded before the answer is sent, so a download that cannot be audited is not given.
 */
export const AuditsDownload = (what: string, options: Omit<DownloadAuditRule, 'what'> = {}) =>
  SetMetadata(DOWNLOAD_AUDIT_METADATA, { what, ...options } satisfies DownloadAuditRule);

export interface DownloadRecord {
  actorUserId: string;
  what: string;
  entityType?: string;
  entityId?: string | null;
  /** Names of the filters asked for; never their values. */
  filters: string[];
  rows?: number;
  /** Anything else that is not personal (ids of systems, a programme), for the reader of the log. */
  extra?: Record<string, unknown>;
}

/** One shape for every download event, whether recorded by the interceptor or by a streaming route itself. */
@Injectable()
export class DownloadAudit {
  constructor(private readonly audit: AuditService) {}

  record(download: DownloadRecord): Promise<void> {
    return this.audit.record({
      actorUserId: download.actorUserId,
      action: `${download.what}.downloaded`,
      entityType: download.entityType ?? 'download',
      entityId: download.entityId ?? null,
      details: {
        filters: [...download.filters].sort(),
        ...(download.rows === undefined ? {} : { rows: download.rows }),
        ...download.extra,
      },
    });
  }
}

/** Records the downloads of @AuditsDownload routes (registered for every route; others pass straight through). */
@Injectable()
export class DownloadAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly downloads: DownloadAudit,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = this.reflector.get<DownloadAuditRule | undefined>(
      DOWNLOAD_AUDIT_METADATA,
      context.getHandler(),
    );
    if (!rule) return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: { id: string } }>();
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const list = rule.rows ? (body as Record<string, unknown> | null)?.[rule.rows] : body;
        await this.downloads.record({
          actorUserId: request.user?.id as string,
          what: rule.what,
          entityType: rule.entity,
          entityId: rule.entity ? String(request.params['id']) : null,
          filters: Object.keys(request.query ?? {}),
          rows: Array.isArray(list) ? list.length : undefined,
        });
        return body;
      }),
    );
  }
}
