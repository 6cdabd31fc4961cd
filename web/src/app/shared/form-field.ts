import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  Directive,
  effect,
  ElementRef,
  forwardRef,
  inject,
  input,
  OnDestroy,
  signal,
  viewChild,
} from '@angular/core';
import { ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { PageTitleStrategy } from '../core/page-title.strategy';
import { FormErrors } from './form-errors';

/**
 * Put on a `<form>`: gives the fields inside it their errors (`<form [appErrors]="errors">`) and prefixes the page
 * title with "Error: " while the form shows errors, as the NHS error summary pattern asks.
 */
@Directive({ selector: '[appErrors]' })
export class FormErrorsDirective implements OnDestroy {
  readonly appErrors = input.required<FormErrors>();
  private readonly titles = inject(PageTitleStrategy);

  constructor() {
    effect(() => this.titles.setError(this.appErrors().any()));
  }

  ngOnDestroy(): void {
    this.titles.setError(false);
  }
}

/** What the field components share: the field's error message and the ids that describe it. */
@Directive()
abstract class FieldBase {
  /** The id of the input (the first checkbox of a group) and the name its errors are filed under. */
  readonly field = input.required<string>();
  readonly hint = input<string | null>();
  /** Errors of the form; taken from the enclosing `<form [appErrors]>` when not given. */
  readonly errors = input<FormErrors>();

  private readonly form = inject(FormErrorsDirective, { optional: true });
  private readonly formErrors = computed(() => this.errors() ?? this.form?.appErrors());

  readonly message = computed(() => this.formErrors()?.message(this.field()));
  readonly hintId = computed(() => (this.hint() ? `${this.field()}-hint` : null));
  readonly errorId = computed(() => (this.message() ? `${this.field()}-error` : null));
  /** Value for `aria-describedby`: hint then error message. */
  readonly describedBy = computed(() => [this.hintId(), this.errorId()].filter(Boolean).join(' ') || null);
}

/**
 * An NHS form group: label, hint and error message around one projected input, select or textarea that carries
 * `appControl`.
 *
 * ```html
 * <app-field field="name" label="Cohort name" hint="For example, LLR spring 2027">
 *   <input class="nhsuk-input" appControl type="text" formControlName="name" />
 * </app-field>
 * ```
 */
@Component({
  selector: 'app-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'nhsuk-form-group', '[class.nhsuk-form-group--error]': '!!message()' },
  template: `
    <label class="nhsuk-label" [class]="labelClass()" [attr.for]="field()">{{ label() }}</label>
    @if (hint(); as hint) {
      <div class="nhsuk-hint" [id]="hintId()">{{ hint }}</div>
    }
    @if (message(); as message) {
      <span class="nhsuk-error-message" [id]="errorId()">
        <span class="nhsuk-u-visually-hidden">Error:</span> {{ message }}
      </span>
    }
    <ng-content />
  `,
})
export class FieldComponent extends FieldBase {
  readonly label = input.required<string>();
  /** Extra label classes, for example `nhsuk-label--s`. */
  readonly labelSize = input<'s' | 'm' | 'l' | null>(null);
  protected readonly labelClass = computed(() => {
    const size = this.labelSize();
    return size ? `nhsuk-label nhsuk-label--${size}` : 'nhsuk-label';
  });
}

/** Marks the input of an app-field: sets its id, `aria-describedby` and the NHS error style. */
@Directive({
  selector: 'input[appControl], select[appControl], textarea[appControl]',
  host: {
    '[id]': 'owner.field()',
    '[attr.name]': 'owner.field()',
    '[attr.aria-describedby]': 'owner.describedBy()',
    '[class.nhsuk-input--error]': "tag === 'INPUT' && !!owner.message()",
    '[class.nhsuk-select--error]': "tag === 'SELECT' && !!owner.message()",
    '[class.nhsuk-textarea--error]': "tag === 'TEXTAREA' && !!owner.message()",
  },
})
export class FieldControlDirective {
  protected readonly owner = inject(FieldComponent);
  protected readonly tag = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement.tagName;
}

export interface CheckboxOption {
  value: string;
  label: string;
  hint?: string;
}

/**
 * An NHS checkboxes group in a fieldset, bound to a form control holding the checked values (`string[]`).
 * The first checkbox gets the field's id, so an error summary link lands on it.
 */
@Component({
  selector: 'app-checkboxes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => CheckboxesComponent), multi: true },
  ],
  host: { class: 'nhsuk-form-group', '[class.nhsuk-form-group--error]': '!!message()' },
  template: `
    <fieldset class="nhsuk-fieldset" [attr.aria-describedby]="describedBy()">
      <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{{ legend() }}</legend>
      @if (hint(); as hint) {
        <div class="nhsuk-hint" [id]="hintId()">{{ hint }}</div>
      }
      @if (message(); as message) {
        <span class="nhsuk-error-message" [id]="errorId()">
          <span class="nhsuk-u-visually-hidden">Error:</span> {{ message }}
        </span>
      }
      <div class="nhsuk-checkboxes" [class.nhsuk-checkboxes--small]="small()">
        @for (option of options(); track option.value; let index = $index) {
          <div class="nhsuk-checkboxes__item">
            <input
              class="nhsuk-checkboxes__input"
              type="checkbox"
              [id]="optionId(index)"
              [attr.name]="field()"
              [value]="option.value"
              [checked]="checked().has(option.value)"
              [disabled]="disabled()"
              [attr.aria-describedby]="option.hint ? optionId(index) + '-item-hint' : null"
              (change)="toggle(option.value, $any($event.target).checked)"
              (blur)="onTouched()"
            />
            <label class="nhsuk-label nhsuk-checkboxes__label" [attr.for]="optionId(index)">{{
              option.label
            }}</label>
            @if (option.hint) {
              <div class="nhsuk-hint nhsuk-checkboxes__hint" [id]="optionId(index) + '-item-hint'">
                {{ option.hint }}
              </div>
            }
          </div>
        }
      </div>
    </fieldset>
  `,
})
export class CheckboxesComponent extends FieldBase implements ControlValueAccessor {
  readonly legend = input.required<string>();
  readonly options = input.required<readonly CheckboxOption[]>();
  readonly small = input(false);

  protected readonly checked = signal<ReadonlySet<string>>(new Set());
  protected readonly disabled = signal(false);
  private onChange: (value: string[]) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  protected optionId(index: number): string {
    return index === 0 ? this.field() : `${this.field()}-${index + 1}`;
  }

  protected toggle(value: string, on: boolean): void {
    const next = new Set(this.checked());
    if (on) next.add(value);
    else next.delete(value);
    this.checked.set(next);
    // Keep the order of the options, whatever order they were ticked in.
    const ordered = this.options()
      .map((option) => option.value)
      .filter((candidate) => next.has(candidate));
    const unknown = [...next].filter((candidate) => !ordered.includes(candidate));
    this.onChange([...ordered, ...unknown]);
  }

  writeValue(value: readonly string[] | null): void {
    this.checked.set(new Set(value ?? []));
  }

  registerOnChange(fn: (value: string[]) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }
}

/**
 * One NHS checkbox for a yes/no choice, bound to a boolean form control. The input gets the field's id, so an
 * error summary link lands on it. With a `legend` the box sits in a fieldset with the hint under the legend;
 * without one the hint sits under the box's label.
 *
 * ```html
 * <app-checkbox field="active" label="Active" hint="Only active facilitators get new sessions" formControlName="active" />
 * ```
 */
@Component({
  selector: 'app-checkbox',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet],
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => CheckboxComponent), multi: true }],
  host: { class: 'nhsuk-form-group', '[class.nhsuk-form-group--error]': '!!message()' },
  template: `
    @if (legend(); as legend) {
      <fieldset class="nhsuk-fieldset" [attr.aria-describedby]="describedBy()">
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{{ legend }}</legend>
        @if (hint(); as hint) {
          <div class="nhsuk-hint" [id]="hintId()">{{ hint }}</div>
        }
        <ng-container *ngTemplateOutlet="content" />
      </fieldset>
    } @else {
      <ng-container *ngTemplateOutlet="content" />
    }

    <ng-template #content>
      @if (message(); as message) {
        <span class="nhsuk-error-message" [id]="errorId()">
          <span class="nhsuk-u-visually-hidden">Error:</span> {{ message }}
        </span>
      }
      <div class="nhsuk-checkboxes">
        <div class="nhsuk-checkboxes__item">
          <input
            #box
            class="nhsuk-checkboxes__input"
            type="checkbox"
            [id]="field()"
            [attr.name]="field()"
            [checked]="checked()"
            [disabled]="disabled()"
            [attr.aria-describedby]="legend() ? null : describedBy()"
            (change)="toggle($any($event.target).checked)"
            (blur)="onTouched()"
          />
          <label class="nhsuk-label nhsuk-checkboxes__label" [attr.for]="field()">{{ label() }}</label>
          @if (!legend() && hint()) {
            <div class="nhsuk-hint nhsuk-checkboxes__hint" [id]="hintId()">{{ hint() }}</div>
          }
        </div>
      </div>
    </ng-template>
  `,
})
export class CheckboxComponent extends FieldBase implements ControlValueAccessor {
  readonly label = input.required<string>();
  /** A question above the box, for example "Sign-ups"; puts the box in a fieldset. */
  readonly legend = input<string | null>(null);

  protected readonly checked = signal(false);
  protected readonly disabled = signal(false);
  private readonly box = viewChild<ElementRef<HTMLInputElement>>('box');
  private onChange: (value: boolean) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  protected toggle(on: boolean): void {
    this.checked.set(on);
    this.onChange(on);
  }

  writeValue(value: boolean | null): void {
    this.checked.set(!!value);
    // Also set the box itself: a value written before the next render after a click would otherwise be lost.
    const box = this.box()?.nativeElement;
    if (box) box.checked = !!value;
  }

  registerOnChange(fn: (value: boolean) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }
}

export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
  /** A heading shared by consecutive options, shown as a nested fieldset (for example "White"). */
  group?: string;
  /** Text of an NHS radios divider shown before this option, usually "or". */
  divider?: string;
}

interface RadioSection {
  group: string | null;
  divider: string | null;
  items: { option: RadioOption; index: number }[];
}

/** Splits options into runs that share a group heading, keeping each option's position for its id. */
export function radioSections(options: readonly RadioOption[]): RadioSection[] {
  const sections: RadioSection[] = [];
  options.forEach((option, index) => {
    const group = option.group ?? null;
    const last = sections[sections.length - 1];
    if (last && last.group === group && group !== null && !option.divider) {
      last.items.push({ option, index });
    } else {
      sections.push({ group, divider: option.divider ?? null, items: [{ option, index }] });
    }
  });
  return sections;
}

/**
 * An NHS radios group in a fieldset, bound to a form control holding the chosen value (`null` when none is
 * chosen). The first radio gets the field's id, so an error summary link lands on it. Options that share a
 * `group` sit in a nested fieldset with that heading as its legend.
 */
@Component({
  selector: 'app-radios',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet],
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => RadiosComponent), multi: true }],
  host: { class: 'nhsuk-form-group', '[class.nhsuk-form-group--error]': '!!message()' },
  template: `
    <fieldset class="nhsuk-fieldset" [attr.aria-describedby]="describedBy()">
      <legend class="nhsuk-fieldset__legend" [class]="legendClass()">{{ legend() }}</legend>
      @if (hint(); as hint) {
        <div class="nhsuk-hint" [id]="hintId()">{{ hint }}</div>
      }
      @if (message(); as message) {
        <span class="nhsuk-error-message" [id]="errorId()">
          <span class="nhsuk-u-visually-hidden">Error:</span> {{ message }}
        </span>
      }
      <div class="nhsuk-radios" [class.nhsuk-radios--inline]="inline()" [class.nhsuk-radios--small]="small()">
        @for (section of sections(); track $index) {
          @if (section.divider) {
            <div class="nhsuk-radios__divider">{{ section.divider }}</div>
          }
          @if (section.group) {
            <fieldset class="nhsuk-fieldset app-radios__group">
              <legend class="nhsuk-fieldset__legend app-radios__group-legend">{{ section.group }}</legend>
              @for (item of section.items; track item.option.value) {
                <ng-container *ngTemplateOutlet="radio; context: { $implicit: item }" />
              }
            </fieldset>
          } @else {
            @for (item of section.items; track item.option.value) {
              <ng-container *ngTemplateOutlet="radio; context: { $implicit: item }" />
            }
          }
        }
      </div>
    </fieldset>

    <ng-template #radio let-item>
      <div class="nhsuk-radios__item">
        <input
          class="nhsuk-radios__input"
          type="radio"
          [id]="optionId(item.index)"
          [attr.name]="field()"
          [value]="item.option.value"
          [checked]="value() === item.option.value"
          [disabled]="disabled()"
          [attr.aria-describedby]="item.option.hint ? optionId(item.index) + '-item-hint' : null"
          (change)="choose(item.option.value)"
          (blur)="onTouched()"
        />
        <label class="nhsuk-label nhsuk-radios__label" [attr.for]="optionId(item.index)">{{
          item.option.label
        }}</label>
        @if (item.option.hint) {
          <div class="nhsuk-hint nhsuk-radios__hint" [id]="optionId(item.index) + '-item-hint'">
            {{ item.option.hint }}
          </div>
        }
      </div>
    </ng-template>
  `,
})
export class RadiosComponent extends FieldBase implements ControlValueAccessor {
  readonly legend = input.required<string>();
  readonly options = input.required<readonly RadioOption[]>();
  readonly inline = input(false);
  readonly small = input(false);
  /** Size of the legend: `m` when the question is the page's main one. */
  readonly legendSize = input<'s' | 'm' | 'l'>('s');

  protected readonly sections = computed(() => radioSections(this.options()));
  protected readonly legendClass = computed(
    () => `nhsuk-fieldset__legend nhsuk-fieldset__legend--${this.legendSize()}`,
  );
  protected readonly value = signal<string | null>(null);
  protected readonly disabled = signal(false);
  private onChange: (value: string | null) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  protected optionId(index: number): string {
    return index === 0 ? this.field() : `${this.field()}-${index + 1}`;
  }

  protected choose(value: string): void {
    this.value.set(value);
    this.onChange(value);
  }

  writeValue(value: string | null): void {
    this.value.set(value || null);
  }

  registerOnChange(fn: (value: string | null) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }
}

export const FORM_FIELD = [
  FormErrorsDirective,
  FieldComponent,
  FieldControlDirective,
  CheckboxesComponent,
  CheckboxComponent,
  RadiosComponent,
] as const;
