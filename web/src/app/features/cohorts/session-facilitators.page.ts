import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  Facilitator,
  FACILITATOR_LEVEL_LABELS,
  REQUIRED_STAFFING,
  SESSION_KIND_LABELS,
  SessionKind,
} from '@upstand/contracts';
import { FacilitatorsApiService } from '../../core/api/facilitators-api.service';
import { FormErrors } from '../../shared/form-errors';
import { CheckboxOption, FORM_FIELD } from '../../shared/form-field';
import { CohortAndSession } from './cohort-session';
import { SessionPageBase } from './session-page.base';
import { SessionPageFrameComponent } from './session-page-frame.component';

const LEVEL_ORDER = { 'lead-facilitator': 0, 'co-facilitator': 1, trainee: 2 } as const;

/** "A workshop needs 2 facilitators, at least 1 of them a lead facilitator." */
export function staffingHint(kind: SessionKind): string {
  const { total, leads } = REQUIRED_STAFFING[kind];
  const label = SESSION_KIND_LABELS[kind].toLowerCase();
  const session = `${/^[aeiou]/.test(label) ? 'An' : 'A'} ${label}`;
  if (total === 0) return `${session} does not need a facilitator.`;
  const people = total === 1 ? '1 facilitator' : `${total} facilitators`;
  if (leads === 0) return `${session} needs ${people}.`;
  if (total === 1) return `${session} needs 1 lead facilitator.`;
  return `${session} needs ${people}, at least ${leads} of them ${leads === 1 ? 'a lead facilitator' : 'lead facilitators'}.`;
}

/**
 * Facilitators who may run a session of this kind (active, qualified for it), and anyone already on the session so
 * they can be taken off; lead facilitators first.
 */
export function sessionFacilitatorOptions(
  facilitators: readonly Facilitator[],
  kind: SessionKind,
  assigned: readonly string[],
): CheckboxOption[] {
  return facilitators
    .filter((f) => (f.active && f.sessionKinds.includes(kind)) || assigned.includes(f.id))
    .sort(
      (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.fullName.localeCompare(b.fullName, 'en-GB'),
    )
    .map((f) => ({
      value: f.id,
      label: f.fullName,
      hint: [
        FACILITATOR_LEVEL_LABELS[f.level],
        f.organisationName,
        f.active ? null : 'not active',
        f.sessionKinds.includes(kind) ? null : 'not qualified for this session',
      ]
        .filter(Boolean)
        .join(', '),
    }));
}

/** Chooses who facilitates a session; the API refuses clashes, unavailable days and unqualified people (409). */
@Component({
  selector: 'app-session-facilitators-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, SessionPageFrameComponent, ...FORM_FIELD],
  template: `
    <app-session-page-frame
      heading="Choose facilitators"
      [cohortId]="cohortId()"
      [state]="state()"
      [loaded]="loaded()"
      [when]="when()"
      [errors]="errors.items()"
    >
      <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
        <app-checkboxes
          field="facilitatorIds"
          legend="Facilitators"
          [hint]="hint()"
          [options]="options()"
          formControlName="facilitatorIds"
        />
        <div class="nhsuk-button-group">
          <button class="nhsuk-button" type="submit">Save facilitators</button>
          <a class="nhsuk-link" [routerLink]="['/cohorts', cohortId()]">Cancel</a>
        </div>
      </form>
    </app-session-page-frame>
  `,
})
export class SessionFacilitatorsPage extends SessionPageBase {
  protected readonly errors = new FormErrors(['facilitatorIds']);
  protected readonly form = inject(NonNullableFormBuilder).group({ facilitatorIds: [[] as string[]] });

  private readonly facilitators = signal<Facilitator[] | null>(null);
  private readonly facilitatorsFailed = signal(false);
  private readonly assigned = signal<string[]>([]);

  protected readonly options = computed(() => {
    const session = this.loaded()?.session;
    return session ? sessionFacilitatorOptions(this.facilitators() ?? [], session.kind, this.assigned()) : [];
  });
  protected readonly hint = computed(() => {
    const session = this.loaded()?.session;
    if (this.facilitatorsFailed()) return 'The list of facilitators could not be loaded. Try again later.';
    if (this.facilitators() && !this.options().length)
      return 'No active facilitator can run this kind of session.';
    return session ? staffingHint(session.kind) : null;
  });

  constructor() {
    super();
    inject(FacilitatorsApiService)
      .list()
      .subscribe({
        next: (list) => this.facilitators.set(list),
        error: () => this.facilitatorsFailed.set(true),
      });
  }

  protected override onLoaded({ session }: CohortAndSession): void {
    const ids = session.facilitators.map((f) => f.facilitatorId);
    this.assigned.set(ids);
    this.form.setValue({ facilitatorIds: ids });
  }

  protected submit(): void {
    const loaded = this.loaded();
    if (this.saving() || !loaded) return;
    this.saving.set(true);
    const facilitatorIds = this.form.controls.facilitatorIds.value;
    this.sessionsApi.assignFacilitators(loaded.session.id, { facilitatorIds }).subscribe({
      next: (saved) => this.done(`Facilitators saved for ${saved.title}`),
      error: (error: unknown) => {
        this.failed();
        this.errors.fromApi(error);
      },
    });
  }
}
