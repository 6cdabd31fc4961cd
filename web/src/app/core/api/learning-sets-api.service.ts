import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CohortLearningSets } from '@upstand/contracts';
import { Observable } from 'rxjs';

const id = (value: string) => encodeURIComponent(value);

/** A cohort's action learning sets: allocation, facilitators and moving delegates between sets. */
@Injectable({ providedIn: 'root' })
export class LearningSetsApiService {
  private readonly http = inject(HttpClient);

  forCohort(cohortId: string): Observable<CohortLearningSets> {
    return this.http.get<CohortLearningSets>(`/api/cohorts/${id(cohortId)}/sets`);
  }

  /** Puts the confirmed delegates into sets; 409 when there is nobody to allocate or sets exist. */
  allocate(cohortId: string): Observable<CohortLearningSets> {
    return this.http.post<CohortLearningSets>(`/api/cohorts/${id(cohortId)}/sets`, {});
  }

  assignFacilitator(setId: string, facilitatorId: string | null): Observable<CohortLearningSets> {
    return this.http.put<CohortLearningSets>(`/api/sets/${id(setId)}/facilitator`, { facilitatorId });
  }

  moveMember(setId: string, enrolmentId: string): Observable<CohortLearningSets> {
    return this.http.post<CohortLearningSets>(`/api/sets/${id(setId)}/members`, { enrolmentId });
  }
}
