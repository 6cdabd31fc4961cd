import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  AdminUser,
  GrantRequest,
  grantLabel,
  Organisation,
  RoleGrant,
  USER_STATUS_LABELS,
} from '@upstand/contracts';
import { Observable } from 'rxjs';
import { mapApiError } from '../../core/api-error';
import { OrganisationsApiService } from '../../core/api/organisations-api.service';
import { UsersApiService } from '../../core/api/users-api.service';
import { SessionService } from '../../core/auth/session.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { formatLondonInstant, USER_STATUS_TAGS } from './admin-shared';
import {
  checkGrantFields,
  grantInReach,
  grantRequestOf,
  ROLE_FIELD,
  roleOptions,
  SCOPE_FIELD,
  scopeOptions,
  toFormField,
} from './grant-form.model';

/** One person's account: their roles (add, remove) and deactivating or reactivating the account. */
@Component({
  selector: 'app-user-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, SuccessBannerComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-success-banner [message]="done()" />
        <app-error-summary
          [loadState]="state()"
          loadHeading="This user could not be loaded"
          [errors]="errors.items()"
        />

        @switch (state().status) {
          @case ('loading') {
            <h1>User</h1>
            <p role="status">Loading…</p>
          }
          @case ('failed') {
            <h1>User</h1>
            <p><a routerLink="/admin/users">Back to users</a></p>
          }
        }

        @if (user(); as user) {
          <h1>
            <span class="nhsuk-caption-l app-break-anywhere">{{ user.email }}</span> {{ user.fullName }}
          </h1>

          <dl class="nhsuk-summary-list">
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Status</dt>
              <dd class="nhsuk-summary-list__value">
                <strong class="nhsuk-tag" [class]="statusTags[user.status]">{{
                  statusLabels[user.status]
                }}</strong>
              </dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Last signed in</dt>
              <dd class="nhsuk-summary-list__value">
                {{ user.lastSignInAt ? instant(user.lastSignInAt) : 'Never' }}
              </dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Organisation</dt>
              <dd class="nhsuk-summary-list__value">{{ user.organisationName ?? 'Not recorded' }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Two-step verification</dt>
              <dd class="nhsuk-summary-list__value" data-testid="second-factor-status">
                {{ user.secondFactor ? 'On (authenticator app)' : 'Not set up' }}
              </dd>
            </div>
          </dl>

          <h2>Roles</h2>
          @if (user.grants.length) {
            <ul class="nhsuk-list app-grant-list" data-testid="grants">
              @for (grant of user.grants; track $index) {
                <li class="app-grant-item">
                  <span>
                    <strong class="nhsuk-tag nhsuk-tag--white">{{ label(grant) }}</strong>
                    @if (grant.scope) {
                      <span class="nhsuk-body-s app-secondary-line">{{ grant.scope.name }}</span>
                    }
                  </span>
                  @if (!self() && inReach(grant)) {
                    <button
                      class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                      type="button"
                      [disabled]="busy()"
                      (click)="remove(user, grant)"
                    >
                      Remove<span class="nhsuk-u-visually-hidden"> {{ label(grant) }}</span>
                    </button>
                  }
                </li>
              }
            </ul>
          } @else {
            <p>They have no roles.</p>
          }

          @if (self()) {
            <p>You cannot change your own roles or account. Ask another programme lead.</p>
          } @else {
            <h2>Add a role</h2>
            <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="add(user)" novalidate>
              <app-field [field]="roleField" label="Role">
                <select class="nhsuk-select" appControl formControlName="role">
                  <option value="">Select a role</option>
                  @for (option of roles(); track option.value) {
                    <option [value]="option.value">{{ option.label }}</option>
                  }
                </select>
              </app-field>
              <app-field [field]="scopeField" label="Where the role applies">
                <select class="nhsuk-select app-full-width" appControl formControlName="scope">
                  <option value="">{{ role() ? 'Select where' : 'Select a role first' }}</option>
                  @for (option of scopes(); track option.value) {
                    <option [value]="option.value">{{ option.label }}</option>
                  }
                </select>
              </app-field>
              <button class="nhsuk-button nhsuk-button--secondary" type="submit" [disabled]="busy()">
                Add role
              </button>
            </form>

            <h2>Two-step verification</h2>
            @if (resetDone()) {
              <div class="nhsuk-inset-text" data-testid="second-factor-reset-done">
                <span class="nhsuk-u-visually-hidden">Information: </span>
                <p>
                  Two-step verification is reset. {{ user.fullName }} can now sign in with their password
                  alone. If their role needs two-step verification, they will be asked to set it up again with
                  their new phone when they next sign in.
                </p>
              </div>
            } @else if (!user.secondFactor) {
              <p data-testid="second-factor-none">
                {{ user.fullName }} has not set up two-step verification, so there is nothing to reset.
              </p>
            } @else if (confirmingReset()) {
              <div class="nhsuk-warning-callout" data-testid="confirm-reset">
                <h3 class="nhsuk-warning-callout__label">
                  <span role="text"
                    ><span class="nhsuk-u-visually-hidden">Important: </span>Reset two-step verification for
                    {{ user.fullName }}?</span
                  >
                </h3>
                <p>
                  Only do this if you are sure it is really them asking, for example by calling them on a
                  number you already have. Until they set it up again, their password alone will sign them in.
                </p>
                <div class="nhsuk-button-group">
                  <button
                    class="nhsuk-button nhsuk-button--warning"
                    type="button"
                    [disabled]="busy()"
                    (click)="resetSecondFactor(user)"
                  >
                    Yes, reset it
                  </button>
                  <button
                    class="nhsuk-button nhsuk-button--secondary"
                    type="button"
                    (click)="confirmingReset.set(false)"
                  >
                    Cancel
                  </button>
                </div>
              </div>
            } @else {
              <p>
                {{ user.fullName }} signs in with a code from an authenticator app. If they have lost their
                phone or the app, reset it so they can sign in and set it up again.
              </p>
              <button
                class="nhsuk-button nhsuk-button--secondary"
                type="button"
                (click)="confirmingReset.set(true)"
              >
                Reset two-step verification
              </button>
            }

            <h2>Account</h2>
            @if (user.status === 'deactivated') {
              <p>This account is deactivated: they cannot sign in.</p>
              <button
                class="nhsuk-button nhsuk-button--secondary"
                type="button"
                [disabled]="busy()"
                (click)="reactivate(user)"
              >
                Reactivate account
              </button>
            } @else if (confirming()) {
              <div class="nhsuk-warning-callout" data-testid="confirm-deactivate">
                <h3 class="nhsuk-warning-callout__label">
                  <span role="text"
                    ><span class="nhsuk-u-visually-hidden">Important: </span>Deactivate
                    {{ user.fullName }}?</span
                  >
                </h3>
                <p>
                  They will be signed out everywhere at once and will not be able to sign in. You can
                  reactivate the account later.
                </p>
                <div class="nhsuk-button-group">
                  <button
                    class="nhsuk-button nhsuk-button--warning"
                    type="button"
                    [disabled]="busy()"
                    (click)="deactivate(user)"
                  >
                    Yes, deactivate
                  </button>
                  <button
                    class="nhsuk-button nhsuk-button--secondary"
                    type="button"
                    (click)="confirming.set(false)"
                  >
                    Cancel
                  </button>
                </div>
              </div>
            } @else {
              <p>Deactivating an account signs them out everywhere and stops them signing in.</p>
              <button class="nhsuk-button nhsuk-button--warning" type="button" (click)="confirming.set(true)">
                Deactivate account
              </button>
            }
          }
          <p><a routerLink="/admin/users">Back to users</a></p>
        }
      </div>
    </div>
  `,
  styles: `
    .app-grant-list {
      max-width: 100%;
    }
    .app-grant-item {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      justify-content: space-between;
      align-items: center;
      padding: 8px 0;
      border-bottom: 1px solid #d8dde0;
    }
    .app-full-width {
      max-width: 100%;
    }
    .app-break-anywhere {
      overflow-wrap: anywhere;
    }
  `,
})
export class UserPage implements OnInit {
  private readonly api = inject(UsersApiService);
  private readonly session = inject(SessionService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly roleField = ROLE_FIELD;
  protected readonly scopeField = SCOPE_FIELD;
  protected readonly statusLabels = USER_STATUS_LABELS;
  protected readonly statusTags = USER_STATUS_TAGS;
  protected readonly instant = formatLondonInstant;
  protected readonly label = grantLabel;
  protected readonly errors = new FormErrors([ROLE_FIELD, SCOPE_FIELD]);
  protected readonly state = signal<LoadState<AdminUser>>(LOADING);
  protected readonly user = computed(() => loadedValue(this.state()));
  protected readonly done = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly confirming = signal(false);
  protected readonly confirmingReset = signal(false);
  protected readonly resetDone = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({ role: [''], scope: [''] });
  private readonly organisationsState = toSignal(loadState(inject(OrganisationsApiService).list()), {
    initialValue: LOADING as LoadState<Organisation[]>,
  });
  private readonly organisations = computed(() => loadedValue(this.organisationsState()) ?? []);
  private readonly granter = computed(() => this.session.user()?.roles ?? []);
  protected readonly self = computed(() => this.user()?.id === this.session.user()?.id);
  protected readonly role = toSignal(this.form.controls.role.valueChanges, { initialValue: '' });
  protected readonly roles = computed(() => roleOptions(this.granter()));
  protected readonly scopes = computed(() => scopeOptions(this.granter(), this.role(), this.organisations()));

  constructor() {
    this.form.controls.role.valueChanges.subscribe(() => {
      const scopes = this.scopes();
      this.form.controls.scope.setValue(scopes.length === 1 ? (scopes[0]?.value ?? '') : '');
    });
  }

  ngOnInit(): void {
    loadState(this.api.get(this.id()), 'This user does not exist or is outside your area.').subscribe(
      (state) => this.state.set(state),
    );
  }

  protected inReach(grant: RoleGrant): boolean {
    return grantInReach(this.granter(), grant, this.organisations());
  }

  /** The grants within the lead's reach, as the API takes them: what a replacement keeps. */
  private kept(user: AdminUser, without?: RoleGrant): GrantRequest[] {
    return user.grants.filter((grant) => grant !== without && this.inReach(grant)).map(grantRequestOf);
  }

  protected add(user: AdminUser): void {
    const checked = checkGrantFields(this.form.getRawValue(), this.granter(), this.organisations());
    if (!checked.ok) {
      this.errors.set(checked.errors);
      return;
    }
    this.run(this.api.replaceGrants(user.id, { grants: [...this.kept(user), checked.grant] }), (saved) => {
      this.form.reset();
      return `${saved.fullName} now has the role ${this.describe(checked.grant)}`;
    });
  }

  protected remove(user: AdminUser, grant: RoleGrant): void {
    this.run(
      this.api.replaceGrants(user.id, { grants: this.kept(user, grant) }),
      (saved) => `Removed the role ${grantLabel(grant)} from ${saved.fullName}`,
    );
  }

  protected deactivate(user: AdminUser): void {
    this.run(this.api.deactivate(user.id), (saved) => {
      this.confirming.set(false);
      return `${saved.fullName}'s account is deactivated and they have been signed out`;
    });
  }

  /** The reset answers 204, so the page marks the factor gone itself rather than loading the user again. */
  protected resetSecondFactor(user: AdminUser): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.done.set(null);
    this.api.resetSecondFactor(user.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.errors.clear();
        this.confirmingReset.set(false);
        this.resetDone.set(true);
        this.state.set({ status: 'loaded', value: { ...user, secondFactor: false } });
        this.done.set(`Two-step verification is reset for ${user.fullName}`);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.confirmingReset.set(false);
        // The API answers 404 when the person is beyond the lead's reach (a regional account, say).
        this.errors.set(
          mapApiError(error, {
            messages: {
              403: 'Only a programme lead can reset two-step verification.',
              404: 'You cannot reset two-step verification for this person: their account is outside your area or holds a regional role. Ask a regional programme lead.',
            },
          }).errors,
        );
      },
    });
  }

  protected reactivate(user: AdminUser): void {
    this.run(this.api.reactivate(user.id), (saved) => `${saved.fullName}'s account is active again`);
  }

  private describe(grant: GrantRequest): string {
    const place = Object.values(grant.scope ?? {})[0];
    return grantLabel({
      role: grant.role,
      scope: place ? { kind: 'system', odsCode: place, name: place } : null,
    });
  }

  private run(request: Observable<AdminUser>, message: (saved: AdminUser) => string): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.done.set(null);
    request.subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.errors.clear();
        this.state.set({ status: 'loaded', value: saved });
        this.done.set(message(saved));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const mapped = mapApiError(error, {
          messages: {
            403: 'You cannot change this account: it holds roles beyond yours, or it is your own.',
          },
        });
        this.errors.set(mapped.errors.map((item) => ({ ...item, field: toFormField(item.field) })));
      },
    });
  }
}
