import { Injectable, signal } from '@angular/core';
import { ApprovalRequestView } from '@upstand/contracts';

/**
 * The places a line manager ticked on My team, carried to the confirmation page (which names each person and
 * cohort before anything is approved). Held in memory only: after a reload the manager chooses again.
 */
@Injectable({ providedIn: 'root' })
export class ApprovalSelectionService {
  readonly chosen = signal<readonly ApprovalRequestView[]>([]);
}
