import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { AppFeatures } from '@upstand/contracts';
import { firstValueFrom } from 'rxjs';

/** What this installation offers (GET /api/features), loaded once at start-up. */
@Injectable({ providedIn: 'root' })
export class FeaturesService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<AppFeatures>({ demoMailbox: false });

  /** Demo mode: emails are kept in the in-app mailbox instead of being sent. */
  readonly demoMailbox = computed(() => this.current().demoMailbox);

  /** Never rejects: if the answer cannot be had, the web offers the least (no mailbox). */
  async load(): Promise<void> {
    try {
      this.current.set(await firstValueFrom(this.http.get<AppFeatures>('/api/features')));
    } catch (error) {
      console.error('Could not load the features of this installation', error);
    }
  }

  set(features: AppFeatures): void {
    this.current.set(features);
  }
}
