import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  forwardRef,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { DateParts, EMPTY_DATE, isoToDateParts, missingDateParts } from './date-parts';
import { FormErrorsDirective } from './form-field';

type Part = keyof DateParts;

/**
 * The NHS date input: day, month and year as three text boxes, so a date is typed the same way in every browser
 * (never the browser's mm/dd/yyyy picker) and with the keyboard alone. The day box gets the field's id, so an
 * error summary link lands on it; when a date is missing a part, only the empty boxes are marked.
 *
 * In a reactive form it is bound to a control holding `DateParts` (check it with `checkDateParts`):
 *
 * ```html
 * <app-date-input field="startDate" legend="Start date" formControlName="startDate" />
 * ```
 *
 * In a plain GET form, give the starting date as `iso` and its error as `error`; the boxes are sent as
 * `field-day`, `field-month` and `field-year` (read them with `datePartsFromForm`).
 */
@Component({
  selector: 'app-date-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => DateInputComponent), multi: true }],
  host: { class: 'nhsuk-form-group', '[class.nhsuk-form-group--error]': '!!message()' },
  template: `
    <fieldset class="nhsuk-fieldset" role="group" [attr.aria-describedby]="describedBy()">
      <legend class="nhsuk-fieldset__legend" [class]="legendClass()">{{ legend() }}</legend>
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
                [class.nhsuk-input--error]="errorParts().includes(part.key)"
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
  /** The day box's id and the name its errors are filed under. */
  readonly field = input.required<string>();
  readonly legend = input.required<string>();
  readonly hint = input<string | null>('For example, 15 3 2027');
  /** `s` (default) for a field among others, `m` or `l` when the date is the page's question. */
  readonly legendSize = input<'s' | 'm' | 'l'>('s');
  /** The error to show, for a form without `[appErrors]`; otherwise the enclosing form's error for `field`. */
  readonly error = input<string | null | undefined>(undefined);
  /** The date to start with (YYYY-MM-DD) when not bound to a form control. */
  readonly iso = input<string | null | undefined>(undefined);

  private readonly form = inject(FormErrorsDirective, { optional: true });
  protected readonly message = computed(() => this.error() ?? this.form?.appErrors().message(this.field()));
  protected readonly describedBy = computed(
    () =>
      [this.hint() ? `${this.field()}-hint` : '', this.message() ? `${this.field()}-error` : '']
        .filter(Boolean)
        .join(' ') || null,
  );
  protected readonly legendClass = computed(
    () => `nhsuk-fieldset__legend nhsuk-fieldset__legend--${this.legendSize()}`,
  );

  protected readonly parts: { key: Part; label: string; width: string }[] = [
    { key: 'day', label: 'Day', width: 'nhsuk-input--width-2' },
    { key: 'month', label: 'Month', width: 'nhsuk-input--width-2' },
    { key: 'year', label: 'Year', width: 'nhsuk-input--width-4' },
  ];
  protected readonly value = signal<DateParts>(EMPTY_DATE);
  protected readonly disabled = signal(false);
  /** The boxes marked in error: those left empty of a part-filled date, otherwise all three. */
  protected readonly errorParts = computed<Part[]>(() => {
    if (!this.message()) return [];
    const missing = missingDateParts(this.value());
    return missing.length ? missing : ['day', 'month', 'year'];
  });
  private onChange: (value: DateParts) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  constructor() {
    effect(() => {
      const iso = this.iso();
      if (iso !== undefined) untracked(() => this.value.set(isoToDateParts(iso)));
    });
  }

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
