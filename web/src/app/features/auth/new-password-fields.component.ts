import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { PASSWORD_MIN_LENGTH } from '@upstand/contracts';
import { FORM_FIELD } from '../../shared/form-field';

/**
 * The "password" and "confirmPassword" fields of a form that sets a new password (registration, a set-password
 * link), bound to the enclosing form group's controls of those names.
 */
@Component({
  selector: 'app-new-password-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, ...FORM_FIELD],
  // formControlName inside this template binds to the form group of the page's <form>.
  viewProviders: [
    { provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) },
  ],
  template: `
    <app-field field="password" [label]="passwordLabel()" [hint]="hint">
      <input
        class="nhsuk-input"
        appControl
        type="password"
        autocomplete="new-password"
        formControlName="password"
      />
    </app-field>

    <app-field field="confirmPassword" [label]="confirmLabel()">
      <input
        class="nhsuk-input"
        appControl
        type="password"
        autocomplete="new-password"
        formControlName="confirmPassword"
      />
    </app-field>
  `,
})
export class NewPasswordFieldsComponent {
  readonly passwordLabel = input('Create a password');
  readonly confirmLabel = input('Confirm password');
  protected readonly hint = `Must be ${PASSWORD_MIN_LENGTH} characters or more`;
}
