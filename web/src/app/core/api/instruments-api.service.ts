import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { EvaluationStage, Instrument, PublishInstrumentRequest } from '@upstand/contracts';
import { Observable } from 'rxjs';

/** A programme's evaluation questionnaires (programme leads): the current version of each stage, and publishing. */
@Injectable({ providedIn: 'root' })
export class InstrumentsApiService {
  private readonly http = inject(HttpClient);

  list(programmeId: string): Observable<Instrument[]> {
    return this.http.get<Instrument[]>(`/api/programmes/${encodeURIComponent(programmeId)}/instruments`);
  }

  /** Publishes the next version of the stage's questionnaire; answers already given keep their version. */
  publish(
    programmeId: string,
    stage: EvaluationStage,
    request: PublishInstrumentRequest,
  ): Observable<Instrument> {
    return this.http.put<Instrument>(
      `/api/programmes/${encodeURIComponent(programmeId)}/instruments/${encodeURIComponent(stage)}`,
      request,
    );
  }
}
