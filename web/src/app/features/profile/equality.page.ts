import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { EqualityMonitoring } from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { DelegatesApiService } from '../../core/api/delegates-api.service';
import { SessionService } from '../../core/auth/session.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import {
  AGE_OPTIONS,
  DISABILITY_OPTIONS,
  EQUALITY_FIELDS,
  ETHNICITY_OPTIONS,
  hasAnswers,
  SEX_OPTIONS,
  toEqualityAnswers,
} from './profile.model';

export const EQUALITY_MESSAGES = {
  saved: 'Thank you. Your answers have been saved',
  removed: 'Your answers have been removed. We will not use them.',
} as const;

/**
 * Optional equality monitoring questions, explained in plain English. Every question offers "I prefer not to
 * say", none has to be answered, and the answers can be removed at any time.
 */
@Component({
  selector: 'app-equality-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, SuccessBannerComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-success-banner [message]="message()" />
        @if (loadFailures().length) {
          <app-error-summary heading="Your answers could not be loaded" [errors]="loadFailures()" />
        } @else {
          <app-error-summary [errors]="errors.items()" />
        }

        <h1>Equality monitoring (optional)</h1>

        <h2 class="nhsuk-heading-m">Why we ask</h2>
        <p>
          We ask these questions to check that the Active Bystander Programme reaches, and works for, everyone
          in the NHS, whatever their background.
        </p>
        <ul class="nhsuk-list nhsuk-list--bullet" data-testid="equality-explanation">
          <li>Answering is optional. You can skip any question, or choose "I prefer not to say".</li>
          <li>Your answers are stored separately from your name and your delegate profile.</li>
          <li>
            They are only used for anonymous statistics about the programme. Small numbers are hidden so
            nobody can be identified.
          </li>
          <li>They are never used to make decisions about you, such as whether you get a place.</li>
          <li>You can remove your answers at any time.</li>
        </ul>

        @if (loading()) {
          <p role="status">Loading your answers…</p>
        } @else if (!loadFailures().length) {
          <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
            <app-radios
              field="ethnicCategory"
              legend="What is your ethnic group?"
              hint="Choose the option that best describes your ethnic group or background"
              legendSize="m"
              [options]="ethnicity"
              formControlName="ethnicCategory"
            />
            <app-radios
              field="disability"
              legend="Do you consider yourself to have a disability?"
              hint="A physical or mental condition that has a substantial and long-term effect on your day-to-day activities"
              legendSize="m"
              [options]="disability"
              formControlName="disability"
            />
            <app-radios
              field="sex"
              legend="What is your sex?"
              legendSize="m"
              [options]="sex"
              formControlName="sex"
            />
            <app-radios
              field="ageBand"
              legend="What is your age?"
              legendSize="m"
              [options]="ages"
              formControlName="ageBand"
            />
            <div class="nhsuk-button-group">
              <button class="nhsuk-button" type="submit">Save answers</button>
              <a class="nhsuk-link" [routerLink]="backLink()">{{ backText() }}</a>
            </div>
          </form>

          @if (stored()) {
            <h2 class="nhsuk-heading-m">Remove your answers</h2>
            <p>We will delete your answers and stop using them. You can answer again later if you want to.</p>
            <button
              class="nhsuk-button nhsuk-button--secondary"
              type="button"
              [attr.aria-disabled]="busy() || null"
              (click)="remove()"
            >
              Remove my answers
            </button>
          }
        }
      </div>
    </div>
  `,
})
export class EqualityPage implements OnInit {
  private readonly api = inject(DelegatesApiService);
  private readonly session = inject(SessionService);

  protected readonly ethnicity = ETHNICITY_OPTIONS;
  protected readonly disability = DISABILITY_OPTIONS;
  protected readonly sex = SEX_OPTIONS;
  protected readonly ages = AGE_OPTIONS;

  protected readonly errors = new FormErrors(EQUALITY_FIELDS);
  protected readonly loading = signal(true);
  protected readonly loadFailures = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  /** Whether there are saved answers to remove. */
  protected readonly stored = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    ethnicCategory: [null as string | null],
    disability: [null as string | null],
    sex: [null as string | null],
    ageBand: [null as string | null],
  });

  /** Delegates came here from their profile; anyone else from their home page. */
  private readonly delegate = computed(() => this.session.roles().has('delegate'));
  protected readonly backLink = computed(() => (this.delegate() ? '/profile' : '/'));
  protected readonly backText = computed(() =>
    this.delegate() ? 'Back to your profile' : 'Back to the home page',
  );

  ngOnInit(): void {
    this.api.equality().subscribe({
      next: (answers) => {
        this.fill(answers);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loadFailures.set(mapApiError(error).errors);
        this.loading.set(false);
      },
    });
  }

  private fill(answers: EqualityMonitoring): void {
    this.form.setValue({
      ethnicCategory: answers.ethnicCategory,
      disability: answers.disability,
      sex: answers.sex,
      ageBand: answers.ageBand,
    });
    this.stored.set(hasAnswers(answers));
  }

  protected submit(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.saveEquality(toEqualityAnswers(this.form.getRawValue())).subscribe({
      next: (answers) => {
        this.busy.set(false);
        this.errors.clear();
        this.fill(answers);
        this.message.set(EQUALITY_MESSAGES.saved);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.message.set(null);
        this.errors.fromApi(error);
      },
    });
  }

  protected remove(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.deleteEquality().subscribe({
      next: () => {
        this.busy.set(false);
        this.errors.clear();
        this.fill({ ethnicCategory: null, disability: null, sex: null, ageBand: null });
        this.message.set(EQUALITY_MESSAGES.removed);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.message.set(null);
        this.errors.fromApi(error);
      },
    });
  }
}
