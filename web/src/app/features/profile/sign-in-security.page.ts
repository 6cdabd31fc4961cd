import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { DomSanitizer } from '@angular/platform-browser';
import { LinkedIdentity, SecondFactorEnrolment, SecondFactorStatus } from '@upstand/contracts';
import { GENERIC_MESSAGES } from '../../core/api-error';
import { IdentitiesApiService } from '../../core/api/identities-api.service';
import { SecondFactorApiService } from '../../core/api/second-factor-api.service';
import { FeaturesService } from '../../core/features.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';

/**
 * "Sign-in and security", for everyone signed in: two-step verification (set up with a QR code and a code, recovery
 * codes shown once, turn off with a code) and, when this site has single sign-on, the linked provider account.
 */
@Component({
  selector: 'app-sign-in-security-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, ErrorSummaryComponent, NhsDatePipe, ...FORM_FIELD],
  templateUrl: './sign-in-security.page.html',
})
export class SignInSecurityPage implements OnInit {
  private readonly api = inject(SecondFactorApiService);
  private readonly identitiesApi = inject(IdentitiesApiService);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly document = inject(DOCUMENT);
  protected readonly sso = inject(FeaturesService).sso;

  /** `?linked=1`: back from linking at the provider. */
  readonly linked = input<string>();

  protected readonly status = signal<SecondFactorStatus | null>(null);
  protected readonly enrolment = signal<SecondFactorEnrolment | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly identities = signal<LinkedIdentity[]>([]);
  protected readonly copied = signal(false);
  protected readonly busy = signal(false);
  protected readonly errors = new FormErrors(['code', 'offCode']);

  private readonly formBuilder = inject(NonNullableFormBuilder);
  protected readonly confirmForm = this.formBuilder.group({ code: [''] });
  protected readonly offForm = this.formBuilder.group({ offCode: [''] });

  /** The QR code as an image: the SVG comes from our own API and an <img> never runs anything in it. */
  protected readonly qrImage = computed(() => {
    const svg = this.enrolment()?.qrSvg;
    return svg ? this.sanitizer.bypassSecurityTrustUrl(`data:image/svg+xml;base64,${btoa(svg)}`) : null;
  });

  ngOnInit(): void {
    this.reload();
    if (this.sso()) this.identitiesApi.list().subscribe((list) => this.identities.set(list));
  }

  protected start(): void {
    this.errors.clear();
    this.busy.set(true);
    this.api.start().subscribe({
      next: (enrolment) => {
        this.busy.set(false);
        this.enrolment.set(enrolment);
      },
      error: (error: unknown) => this.failed(error, 'code'),
    });
  }

  protected confirm(): void {
    const code = this.confirmForm.getRawValue().code.trim();
    if (!code) {
      this.errors.set([{ field: 'code', text: 'Enter the 6-digit code from your authenticator app' }]);
      return;
    }
    this.busy.set(true);
    this.api.confirm(code).subscribe({
      next: (enabled) => {
        this.busy.set(false);
        this.errors.clear();
        this.enrolment.set(null);
        this.confirmForm.reset();
        this.recoveryCodes.set(enabled.recoveryCodes);
        this.reload();
      },
      error: (error: unknown) => this.failed(error, 'code'),
    });
  }

  protected turnOff(): void {
    const code = this.offForm.getRawValue().offCode.trim();
    if (!code) {
      this.errors.set([
        { field: 'offCode', text: 'Enter a code from your authenticator app or a recovery code' },
      ]);
      return;
    }
    this.busy.set(true);
    this.api.turnOff(code).subscribe({
      next: () => {
        this.busy.set(false);
        this.errors.clear();
        this.offForm.reset();
        this.recoveryCodes.set(null);
        this.reload();
      },
      error: (error: unknown) => this.failed(error, 'offCode'),
    });
  }

  protected copyCodes(): void {
    const codes = this.recoveryCodes();
    if (!codes) return;
    void navigator.clipboard?.writeText(codes.join('\n')).then(() => this.copied.set(true));
  }

  protected printCodes(): void {
    this.document.defaultView?.print();
  }

  protected link(): void {
    this.busy.set(true);
    this.identitiesApi.link().subscribe({
      next: (answer) => this.document.location.assign(answer.redirectUrl),
      error: () => this.busy.set(false),
    });
  }

  private reload(): void {
    this.api.status().subscribe((status) => this.status.set(status));
  }

  private failed(error: unknown, field: 'code' | 'offCode'): void {
    this.busy.set(false);
    this.errors.fromApi(error, { messages: { 429: GENERIC_MESSAGES.throttled } });
    // The API names the field `code` on both forms: put it on the form that was sent.
    this.errors.set(this.errors.items().map((item) => ({ ...item, field })));
  }
}
