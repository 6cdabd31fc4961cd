import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Organisation } from '@upstand/contracts';
import { map, startWith } from 'rxjs';
import { OrganisationsApiService } from '../../core/api/organisations-api.service';
import { UsersApiService } from '../../core/api/users-api.service';
import { SessionService } from '../../core/auth/session.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { SaveAndReturn } from '../../shared/save-and-return';
import { checkInvite, ROLE_FIELD, roleOptions, SCOPE_FIELD, scopeOptions } from './grant-form.model';

const FIELDS = ['email', 'fullName', ROLE_FIELD, SCOPE_FIELD] as const;

/** Invites someone: makes their account with one role and emails them a link to set a password. */
@Component({
  selector: 'app-user-invite-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="organisationsState()"
          loadHeading="Organisations could not be loaded"
          [errors]="errors.items()"
        />
        <h1>Invite a user</h1>
        <p>
          We will email them a link to set their password. They can add more roles later from their page in
          Users.
        </p>

        @if (organisationsState().status === 'loading') {
          <p role="status">Loading organisations…</p>
        } @else {
          <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
            <app-field field="email" label="Email address" hint="Their NHS work email address">
              <input
                class="nhsuk-input"
                appControl
                type="email"
                autocomplete="off"
                spellcheck="false"
                formControlName="email"
              />
            </app-field>

            <app-field field="fullName" label="Full name">
              <input
                class="nhsuk-input"
                appControl
                type="text"
                autocomplete="off"
                formControlName="fullName"
              />
            </app-field>

            <app-field [field]="roleField" label="Role">
              <select class="nhsuk-select" appControl formControlName="role">
                <option value="">Select a role</option>
                @for (option of roles(); track option.value) {
                  <option [value]="option.value">{{ option.label }}</option>
                }
              </select>
            </app-field>

            <app-field
              [field]="scopeField"
              label="Where the role applies"
              hint="You can only give roles within your own area"
            >
              <select class="nhsuk-select app-full-width" appControl formControlName="scope">
                <option value="">{{ role() ? 'Select where' : 'Select a role first' }}</option>
                @for (option of scopes(); track option.value) {
                  <option [value]="option.value">{{ option.label }}</option>
                }
              </select>
            </app-field>

            <div class="nhsuk-button-group">
              <button class="nhsuk-button" type="submit" [disabled]="save.saving()">Send invitation</button>
              <a class="nhsuk-link" routerLink="/admin/users">Cancel</a>
            </div>
          </form>
        }
      </div>
    </div>
  `,
  styles: `
    .app-full-width {
      max-width: 100%;
    }
  `,
})
export class UserInvitePage {
  private readonly api = inject(UsersApiService);
  private readonly session = inject(SessionService);

  protected readonly roleField = ROLE_FIELD;
  protected readonly scopeField = SCOPE_FIELD;
  protected readonly errors = new FormErrors(FIELDS);
  protected readonly save = new SaveAndReturn(this.errors);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [''],
    fullName: [''],
    role: [''],
    scope: [''],
  });

  protected readonly organisationsState = toSignal(loadState(inject(OrganisationsApiService).list()), {
    initialValue: LOADING as LoadState<Organisation[]>,
  });
  private readonly organisations = computed(() => loadedValue(this.organisationsState()) ?? []);
  private readonly granter = computed(() => this.session.user()?.roles ?? []);

  protected readonly role = toSignal(
    this.form.controls.role.valueChanges.pipe(startWith(this.form.controls.role.value)),
    { requireSync: true },
  );
  protected readonly roles = computed(() => roleOptions(this.granter()));
  protected readonly scopes = computed(() => scopeOptions(this.granter(), this.role(), this.organisations()));

  constructor() {
    // A scope chosen for another role may not fit the new one: choose again (or take the only choice).
    this.form.controls.role.valueChanges.pipe(map(() => this.scopes())).subscribe((scopes) => {
      this.form.controls.scope.setValue(scopes.length === 1 ? (scopes[0]?.value ?? '') : '');
    });
  }

  protected submit(): void {
    this.save.submit(
      () => {
        const checked = checkInvite(this.form.getRawValue(), this.granter(), this.organisations());
        if (checked.ok) return this.api.invite(checked.request);
        this.errors.set(checked.errors);
        return null;
      },
      {
        message: (user) => `Invitation sent to ${user.fullName}`,
        back: ['/admin/users'],
      },
    );
  }
}
