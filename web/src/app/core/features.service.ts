import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { AppFeatures } from '@upstand/contracts';
import { firstValueFrom } from 'rxjs';

/** What this installation offers (GET /api/features), loaded once at start-up. */
@Injectable({ providedIn: 'root' })
export class FeaturesService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<AppFeatures>({
    demoMailbox: false,
    demoData: false,
    serviceOwnerName: '',
    serviceOwnerContact: '',
    sso: null,
  });

  /** Demo mode: emails are kept in the in-app mailbox instead of being sent. */
  readonly demoMailbox = computed(() => this.current().demoMailbox);
  /** A demo installation: its people and figures are synthetic, and every page says so. */
  readonly demoData = computed(() => this.current().demoData);
  /** The organisation running this installation (data controller); empty until loaded. */
  readonly serviceOwnerName = computed(() => this.current().serviceOwnerName);
  /** Where to send data-protection requests (an email address); empty until loaded. */
  readonly serviceOwnerContact = computed(() => this.current().serviceOwnerContact);

  /** Single sign-on, when offered: its display name for "Sign in with …". */
  readonly sso = computed(() => this.current().sso);

  /** Never rejects: if the answer cannot be had, the web offers the least (no mailbox). */
  async load(): Promise<void> {
    try {
      this.current.set(await firstValueFrom(this.http.get<AppFeatures>('/api/features')));
    } catch (error) {
      console.error('Could not load the features of this installation', error);
    }
  }

  /** For tests: what is not given keeps its current value. */
  set(features: Partial<AppFeatures>): void {
    this.current.update((current) => ({ ...current, ...features }));
  }
}
