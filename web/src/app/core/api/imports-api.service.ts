import { HttpClient, HttpEvent, HttpEventType, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  EnrolmentImportReport,
  ImportDateFormat,
  ImportReport,
  ImportStage,
  WideImportMapping,
  WidePreview,
} from '@upstand/contracts';
import { filter, map, Observable } from 'rxjs';

const BASE = '/api/imports';

/** What an upload reports: how much has gone up, then the server's answer. */
export type UploadEvent<T> = { kind: 'progress'; percent: number } | { kind: 'done'; body: T };

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
    return this.upload<ImportReport>(`${BASE}/responses`, { programmeId, dryRun: String(dryRun) }, file);
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
    return this.upload<ImportReport>(
      `${BASE}/responses/wide`,
      { programmeId, stage, dateFormat, dryRun: String(dryRun) },
      file,
      { mapping: JSON.stringify(mapping) },
    );
  }

  importEnrolments(
    programmeId: string,
    file: File,
    dryRun: boolean,
  ): Observable<UploadEvent<EnrolmentImportReport>> {
    return this.upload<EnrolmentImportReport>(
      `${BASE}/enrolments`,
      { programmeId, dryRun: String(dryRun) },
      file,
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
