import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { TransferOffer } from '@upstand/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/transfer-offers';
const id = (value: string) => encodeURIComponent(value);

/** Transfers between systems waiting for the receiving system's leads. */
@Injectable({ providedIn: 'root' })
export class TransferOffersApiService {
  private readonly http = inject(HttpClient);

  /** Offers into or out of the lead's systems, those waiting for an answer first. */
  list(): Observable<TransferOffer[]> {
    return this.http.get<TransferOffer[]>(BASE);
  }

  /** The delegate moves now; 409 when the place or the cohort changed since the offer. */
  accept(offerId: string): Observable<TransferOffer> {
    return this.http.post<TransferOffer>(`${BASE}/${id(offerId)}/accept`, {});
  }

  decline(offerId: string): Observable<TransferOffer> {
    return this.http.post<TransferOffer>(`${BASE}/${id(offerId)}/decline`, {});
  }

  withdraw(offerId: string): Observable<TransferOffer> {
    return this.http.post<TransferOffer>(`${BASE}/${id(offerId)}/withdraw`, {});
  }
}
