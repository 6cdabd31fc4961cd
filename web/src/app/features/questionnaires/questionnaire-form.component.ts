import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { EvaluationAnswer, InstrumentItem, SubmitEvaluationRequest } from '@upstand/contracts';
import { Observable } from 'rxjs';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { QuestionnaireItemComponent } from './questionnaire-item.component';
import {
  checkQuestionnaire,
  ItemValue,
  questionnaireApiErrors,
  SELF_GENERATED_CODE_FIELD,
  toItemValue,
} from './questionnaire.model';

function buildForm(items: readonly InstrumentItem[], answers: readonly EvaluationAnswer[]) {
  const saved = new Map(answers.map((answer) => [answer.itemCode, answer.value]));
  return new FormGroup({
    selfGeneratedCode: new FormControl('', { nonNullable: true }),
    answers: new FormGroup(
      Object.fromEntries(
        items.map((item) => [item.code, new FormControl<ItemValue>(toItemValue(item, saved.get(item.code)))]),
      ),
    ),
  });
}

/**
 * The answers of a questionnaire (journey questionnaires and session feedback alike): every item pre-filled with
 * the saved answer, checked before sending, and the server's errors shown against the same questions. In
 * anonymous mode the delegate first makes up the code that pairs their answers. The page shows `errors` in its
 * error summary and decides what happens once `saved` fires.
 */
@Component({
  selector: 'app-questionnaire-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, ...FORM_FIELD, QuestionnaireItemComponent],
  template: `
    <form [formGroup]="form()" [appErrors]="errors()" (ngSubmit)="submit()" novalidate>
      @if (anonymous()) {
        <h2 class="nhsuk-heading-m">Your code</h2>
        <p>
          We do not keep your name with your answers. Instead, make up a code that only you can recreate, so
          that your answers before and after the programme can be matched. Your code is:
        </p>
        <ul class="nhsuk-list nhsuk-list--bullet">
          <li>the first 2 letters of your mother's first name</li>
          <li>the day of the month you were born, as 2 numbers</li>
          <li>the first 2 letters of the town or city where you were born</li>
        </ul>
        <app-field
          [field]="codeField"
          label="Your code"
          labelSize="s"
          hint="For example, MA07LE if your mother is called Mary and you were born on the 7th in Leicester"
        >
          <input
            class="nhsuk-input nhsuk-input--width-10"
            appControl
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            formControlName="selfGeneratedCode"
          />
        </app-field>
        <h2 class="nhsuk-heading-m">Your answers</h2>
      }
      @for (item of items(); track item.code) {
        <app-questionnaire-item [item]="item" [control]="control(item)" [errors]="errors()" />
      }
      <button class="nhsuk-button" type="submit" [attr.aria-disabled]="busy() || null">
        {{ submitLabel() }}
      </button>
    </form>
  `,
})
export class QuestionnaireFormComponent {
  readonly items = input.required<readonly InstrumentItem[]>();
  readonly answers = input<readonly EvaluationAnswer[]>([]);
  readonly anonymous = input(false);
  readonly submitLabel = input('Submit answers');
  /** Sends the checked answers; its errors are shown against the questions. */
  readonly submitWith = input.required<(request: SubmitEvaluationRequest) => Observable<unknown>>();
  /** Shared with the page's error summary. */
  readonly errors = input.required<FormErrors>();
  readonly saved = output();

  protected readonly codeField = SELF_GENERATED_CODE_FIELD;
  protected readonly busy = signal(false);
  protected readonly form = computed(() => buildForm(this.items(), this.answers()));

  protected control(item: InstrumentItem): FormControl<ItemValue> {
    return this.form().controls.answers.controls[item.code] as FormControl<ItemValue>;
  }

  protected submit(): void {
    if (this.busy()) return;
    const items = this.items();
    const form = this.form().getRawValue();
    const checked = checkQuestionnaire(
      items,
      { values: form.answers, selfGeneratedCode: form.selfGeneratedCode },
      this.anonymous(),
    );
    if (!checked.ok) {
      this.errors().set(checked.errors);
      return;
    }
    this.busy.set(true);
    this.submitWith()(checked.request).subscribe({
      next: () => {
        this.busy.set(false);
        this.errors().clear();
        this.saved.emit();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors().set(questionnaireApiErrors(error, items));
      },
    });
  }
}
