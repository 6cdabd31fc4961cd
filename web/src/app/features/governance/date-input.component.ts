import {
  ChangeDetectionStrategy,
  Component,
  computed,
  forwardRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { FormErrorsDirective } from '../../shared/form-field';
import { DateParts, EMPTY_DATE } from './governance.model';

type Part = keyof DateParts;

/**
 * The NHS date input (day, month, year as three text boxes) bound to a form control holding `DateParts`. Typed
 * dates work the same in every browser and with the keyboard alone. The day box gets the field's id, so an error
 * summary link lands on it.
 */
@Component({
  selector: 'app-date-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => DateInputComponent), multi: true }],
  host: { class: 'nhsuk-form-group', '[class.nhsuk-form-group--error]': '!!message()' },
  template: `
    <fieldset class="nhsuk-fieldset" role="group" [attr.aria-describedby]="describedBy()">
      <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{{ legend() }}</legend>
      @if (hint(); as hint) {
        <div class="nhsuk-hint" [id]="field() + '-hint'">{{ hint }}</div>
      }
      @if (message(); as message) {
        <span class="nhsuk-error-message" [id]="field() + '-error'">
          <span class="nhsuk-u-visually-hidden">Error:</span> {{ message }}
        </span>
      }
      <div class="nhsuk-date-input">
        @for (part of parts; track part.key) {
          <div class="nhsuk-date-input__item">
            <div class="nhsuk-form-group">
              <label class="nhsuk-label nhsuk-date-input__label" [attr.for]="inputId(part.key)">{{
                part.label
              }}</label>
              <input
                class="nhsuk-input nhsuk-date-input__input"
                [class]="part.width"
                [class.nhsuk-input--error]="!!message()"
                [id]="inputId(part.key)"
                [attr.name]="field() + '-' + part.key"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                [value]="value()[part.key]"
                [disabled]="disabled()"
                (input)="change(part.key, $any($event.target).value)"
                (blur)="onTouched()"
              />
            </div>
          </div>
        }
      </div>
    </fieldset>
  `,
})
export class DateInputComponent implements ControlValueAccessor {
  readonly field = input.required<string>();
  readonly legend = input.required<string>();
  readonly hint = input<string | null>(null);

  private readonly form = inject(FormErrorsDirective, { optional: true });
  protected readonly message = computed(() => this.form?.appErrors().message(this.field()));
  protected readonly describedBy = computed(
    () =>
      [this.hint() ? `${this.field()}-hint` : '', this.message() ? `${this.field()}-error` : '']
        .filter(Boolean)
        .join(' ') || null,
  );

  protected readonly parts: { key: Part; label: string; width: string }[] = [
    { key: 'day', label: 'Day', width: 'nhsuk-input--width-2' },
    { key: 'month', label: 'Month', width: 'nhsuk-input--width-2' },
    { key: 'year', label: 'Year', width: 'nhsuk-input--width-4' },
  ];
  protected readonly value = signal<DateParts>(EMPTY_DATE);
  protected readonly disabled = signal(false);
  private onChange: (value: DateParts) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  protected inputId(part: Part): string {
    return part === 'day' ? this.field() : `${this.field()}-${part}`;
  }

  protected change(part: Part, text: string): void {
    const next = { ...this.value(), [part]: text };
    this.value.set(next);
    this.onChange(next);
  }

  writeValue(value: DateParts | null): void {
    this.value.set(value ?? EMPTY_DATE);
  }

  registerOnChange(fn: (value: DateParts) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }
}
