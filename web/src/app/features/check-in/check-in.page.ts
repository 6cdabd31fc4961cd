import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { CheckInResult } from '@upstand/contracts';
import { AttendanceApiService } from '../../core/api/attendance-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { ATTENDANCE_LABELS } from '../../shared/status-tags';

export const CHECK_IN_MESSAGES = {
  codeRequired: 'Enter the check-in code',
  codeInvalid: 'The check-in code is 6 letters and numbers, like K7QX2M',
} as const;

/** Tidies a typed code ("k7qx 2m" → "K7QX2M"); null when it cannot be a code. */
export function cleanCode(text: string): string | null {
  const code = text.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{6}$/.test(code) ? code : null;
}

/**
 * Self check-in: the delegate types the code shown by the facilitator, or scans the QR code, which opens this page
 * with the code filled in.
 */
@Component({
  selector: 'app-check-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        @if (result(); as result) {
          <div class="nhsuk-panel" data-testid="check-in-confirmation" tabindex="-1">
            <h1 class="nhsuk-panel__heading">You are checked in</h1>
            <div class="nhsuk-panel__body">
              {{ result.sessionTitle }}<br />
              Recorded as <strong>{{ labels[result.status].toLowerCase() }}</strong>
            </div>
          </div>
          <p>Enjoy the session.</p>
          <p><a routerLink="/journey">Go to your journey</a></p>
        } @else {
          <app-error-summary [errors]="errors.items()" />
          <h1>Check in to a session</h1>
          <p>
            Your facilitator shows a check-in code at the start of the session. Check-in opens 15 minutes
            before the session starts.
          </p>
          <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
            <app-field
              field="code"
              label="Check-in code"
              labelSize="m"
              hint="6 letters and numbers, for example K7QX2M"
            >
              <input
                class="nhsuk-input nhsuk-input--width-10 app-code-input"
                appControl
                type="text"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                maxlength="12"
                formControlName="code"
              />
            </app-field>
            <button class="nhsuk-button" type="submit">Check in</button>
          </form>
        }
      </div>
    </div>
  `,
})
export class CheckInPage implements OnInit {
  private readonly api = inject(AttendanceApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** Query parameter `code`, from the QR code. */
  readonly code = input<string>();

  protected readonly labels = ATTENDANCE_LABELS;
  protected readonly errors = new FormErrors(['code']);
  protected readonly form = inject(NonNullableFormBuilder).group({ code: [''] });
  protected readonly submitting = signal(false);
  protected readonly result = signal<CheckInResult | null>(null);

  ngOnInit(): void {
    const code = this.code();
    if (code) this.form.setValue({ code: code.trim().toUpperCase().slice(0, 12) });
  }

  protected submit(): void {
    if (this.submitting()) return;
    const text = this.form.controls.code.value;
    if (!text.trim()) return this.errors.set([{ field: 'code', text: CHECK_IN_MESSAGES.codeRequired }]);
    const code = cleanCode(text);
    if (!code) return this.errors.set([{ field: 'code', text: CHECK_IN_MESSAGES.codeInvalid }]);
    this.submitting.set(true);
    this.api.checkIn(code).subscribe({
      next: (result) => {
        this.submitting.set(false);
        this.errors.clear();
        this.result.set(result);
        focusAfterRender(this.injector, this.host, '[data-testid="check-in-confirmation"]');
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.errors.fromApi(error);
        // Check-in not open yet, or not booked: still about the code typed in.
        this.errors.set(this.errors.items().map((item) => (item.field ? item : { ...item, field: 'code' })));
      },
    });
  }
}
