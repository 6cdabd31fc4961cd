import { HttpClient, HttpErrorResponse, HttpEvent, HttpEventType, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  EnrolmentImportReport,
  HeadcountImportReport,
  ImportDateFormat,
  ImportJob,
  ImportReport,
  ImportStage,
  WideImportMapping,
  WidePreview,
} from '@upstand/contracts';
import { exhaustMap, filter, map, Observable, of, startWith, switchMap, takeWhile, timer } from 'rxjs';

const BASE = '/api/imports';
/** How often a running import is asked how far it has got. */
export const IMPORT_POLL_MS = 1000;

/**
 * What an upload reports: how much has gone up, then (for a real import, which runs as a job on the server) how
 * far the job has got, then the server's answer.
 */
export type UploadEvent<T> =
  { kind: 'progress'; percent: number } | { kind: 'job'; job: ImportJob<T> } | { kind: 'done'; body: T };

function toUploadEvent<T>(event: HttpEvent<T>): UploadEvent<T> | null {
  if (event.type === HttpEventType.UploadProgress)
    return { kind: 'progress', percent: event.total ? Math.round((100 * event.loaded) / event.total) : 0 };
  if (event.type === HttpEventType.Response) return { kind: 'done', body: event.body as T };
  return null;
}

/** Imports of historical data (programme leads): files go up as multipart `file`, with upload progress. */
@Injectable({ providedIn: 'root' })
export class ImportsApiService {
  private readonly http = inject(HttpClient);

  /** Long format: delegate_email, stage, item_code, value, submitted_at. */
  importResponses(programmeId: string, file: File, dryRun: boolean): Observable<UploadEvent<ImportReport>> {
    return this.runOrFollow<ImportReport>(
      dryRun,
      this.upload(`${BASE}/responses`, { programmeId, dryRun: String(dryRun) }, file),
    );
  }

  previewWide(programmeId: string, stage: ImportStage, file: File): Observable<UploadEvent<WidePreview>> {
    return this.upload<WidePreview>(`${BASE}/responses/wide/preview`, { programmeId, stage }, file);
  }

  importWide(
    programmeId: string,
    stage: ImportStage,
    dateFormat: ImportDateFormat,
    file: File,
    mapping: WideImportMapping,
    dryRun: boolean,
  ): Observable<UploadEvent<ImportReport>> {
    return this.runOrFollow<ImportReport>(
      dryRun,
      this.upload(
        `${BASE}/responses/wide`,
        { programmeId, stage, dateFormat, dryRun: String(dryRun) },
        file,
        { mapping: JSON.stringify(mapping) },
      ),
    );
  }

  importEnrolments(
    programmeId: string,
    file: File,
    dryRun: boolean,
  ): Observable<UploadEvent<EnrolmentImportReport>> {
    return this.runOrFollow<EnrolmentImportReport>(
      dryRun,
      this.upload(`${BASE}/enrolments`, { programmeId, dryRun: String(dryRun) }, file),
    );
  }

  /** Staff headcounts of organisations: ods_code, headcount, as_of. Not tied to a programme. */
  importHeadcounts(file: File, dryRun: boolean): Observable<UploadEvent<HeadcountImportReport>> {
    return this.runOrFollow<HeadcountImportReport>(
      dryRun,
      this.upload('/api/organisations/headcounts/import', { dryRun: String(dryRun) }, file),
    );
  }

  job<T>(id: string): Observable<ImportJob<T>> {
    return this.http.get<ImportJob<T>>(`/api/import-jobs/${id}`);
  }

  /**
   * A dry run answers with its report. A real import answers 202 with a job: poll it, reporting its progress,
   * until it has finished; then its report, or its errors as the error a refused upload would give.
   */
  private runOrFollow<T>(
    dryRun: boolean,
    upload: Observable<UploadEvent<unknown>>,
  ): Observable<UploadEvent<T>> {
    if (dryRun) return upload as Observable<UploadEvent<T>>;
    return upload.pipe(
      switchMap((event) =>
        event.kind === 'done' ? this.follow(event.body as ImportJob<T>) : of(event as UploadEvent<T>),
      ),
    );
  }

  private follow<T>(started: ImportJob<T>): Observable<UploadEvent<T>> {
    return timer(IMPORT_POLL_MS, IMPORT_POLL_MS).pipe(
      exhaustMap(() => this.job<T>(started.id)),
      startWith(started),
      takeWhile((job) => job.status === 'running', true),
      map((job): UploadEvent<T> => {
        if (job.status === 'running') return { kind: 'job', job };
        if (job.status === 'succeeded') return { kind: 'done', body: job.result as T };
        throw new HttpErrorResponse({
          status: 400,
          error: { message: job.errors.map((error) => error.message).join('; '), errors: job.errors },
        });
      }),
    );
  }

  private upload<T>(
    url: string,
    query: Record<string, string>,
    file: File,
    fields: Record<string, string> = {},
  ): Observable<UploadEvent<T>> {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', file, file.name);
    return this.http
      .post<T>(url, body, {
        params: new HttpParams({ fromObject: query }),
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        map((event) => toUploadEvent<T>(event)),
        filter((event): event is UploadEvent<T> => event !== null),
      );
  }
}
