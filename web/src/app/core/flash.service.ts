import { Injectable, signal } from '@angular/core';

/** A one-off success message carried to the next page (for example "Organisation RWE saved"). */
@Injectable({ providedIn: 'root' })
export class FlashService {
  private readonly message = signal<string | null>(null);

  set(message: string): void {
    this.message.set(message);
  }

  /** Returns the message and forgets it, so it shows once. */
  take(): string | null {
    const message = this.message();
    this.message.set(null);
    return message;
  }
}
