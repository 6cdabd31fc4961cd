import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { InstrumentItem } from '@upstand/contracts';
import { FormErrors } from '../../shared/form-errors';
import { RadiosComponent } from '../../shared/form-field';
import {
  FREE_TEXT_MAX_LENGTH,
  itemFieldId,
  itemOptions,
  itemQuestion,
  ItemValue,
  SCALE_HINT,
} from './questionnaire.model';

/** "You have 3,990 characters remaining" / "You have 12 characters too many", as the NHS character count says. */
export function characterCountMessage(length: number, max = FREE_TEXT_MAX_LENGTH): string {
  const left = max - length;
  const count = Math.abs(left);
  const characters = `${count.toLocaleString('en-GB')} ${count === 1 ? 'character' : 'characters'}`;
  return left >= 0 ? `You have ${characters} remaining` : `You have ${characters} too many`;
}

/** How long typing must pause before screen readers hear the count, so they are not interrupted at every key. */
const ANNOUNCE_AFTER_MS = 1000;

/**
 * One question of a questionnaire, rendered by its type: radios in an NHS fieldset (likert, 0–10 scale inline,
 * yes/no, single choice) or a textarea with a character count. A retrospective item is introduced by an inset
 * "Thinking back to before the programme".
 */
@Component({
  selector: 'app-questionnaire-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RadiosComponent],
  host: { '[attr.data-item]': 'item().code' },
  template: `
    @if (item().retrospective) {
      <div class="nhsuk-inset-text" data-testid="retrospective">
        <span class="nhsuk-u-visually-hidden">Information: </span>
        <p>Thinking back to before the programme</p>
      </div>
    }
    @if (item().type === 'free-text') {
      <div class="nhsuk-form-group nhsuk-character-count" [class.nhsuk-form-group--error]="!!message()">
        <label class="nhsuk-label nhsuk-label--s" [attr.for]="field()">{{ question() }}</label>
        @if (message(); as message) {
          <span class="nhsuk-error-message" [id]="field() + '-error'">
            <span class="nhsuk-u-visually-hidden">Error:</span> {{ message }}
          </span>
        }
        <textarea
          class="nhsuk-textarea nhsuk-js-character-count"
          [class.nhsuk-textarea--error]="!!message() || tooLong()"
          [id]="field()"
          [attr.name]="field()"
          rows="5"
          [attr.aria-describedby]="describedBy()"
          [formControl]="control()"
        ></textarea>
        <div
          class="nhsuk-hint nhsuk-character-count__message nhsuk-u-visually-hidden"
          [id]="field() + '-info'"
        >
          You can enter up to {{ maxLength }} characters
        </div>
        <div
          class="nhsuk-character-count__status"
          [class.nhsuk-hint]="!tooLong()"
          [class.nhsuk-error-message]="tooLong()"
          aria-hidden="true"
          data-testid="character-count"
        >
          {{ countMessage() }}
        </div>
        <div class="nhsuk-character-count__sr-status nhsuk-u-visually-hidden" aria-live="polite">
          {{ announced() }}
        </div>
      </div>
    } @else {
      <app-radios
        [field]="field()"
        [legend]="question()"
        [options]="options()"
        [hint]="hint()"
        [inline]="inline()"
        [errors]="errors()"
        [formControl]="control()"
      />
    }
  `,
})
export class QuestionnaireItemComponent implements OnInit {
  readonly item = input.required<InstrumentItem>();
  readonly control = input.required<FormControl<ItemValue>>();
  readonly errors = input.required<FormErrors>();

  private readonly destroyRef = inject(DestroyRef);

  protected readonly maxLength = FREE_TEXT_MAX_LENGTH.toLocaleString('en-GB');
  protected readonly field = computed(() => itemFieldId(this.item()));
  protected readonly question = computed(() => itemQuestion(this.item()));
  protected readonly options = computed(() => itemOptions(this.item()));
  protected readonly hint = computed(() => (this.item().type === 'scale-0-10' ? SCALE_HINT : null));
  protected readonly inline = computed(() => ['scale-0-10', 'yes-no'].includes(this.item().type));
  protected readonly message = computed(() => this.errors().message(this.field()));
  protected readonly describedBy = computed(() =>
    [`${this.field()}-info`, this.message() ? `${this.field()}-error` : ''].filter(Boolean).join(' '),
  );

  private readonly length = signal(0);
  protected readonly tooLong = computed(() => this.length() > FREE_TEXT_MAX_LENGTH);
  protected readonly countMessage = computed(() => characterCountMessage(this.length()));
  protected readonly announced = signal('');

  ngOnInit(): void {
    if (this.item().type !== 'free-text') return;
    const control = this.control();
    this.length.set((control.value ?? '').length);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = control.valueChanges.subscribe((value) => {
      this.length.set((value ?? '').length);
      clearTimeout(timer);
      timer = setTimeout(() => this.announced.set(this.countMessage()), ANNOUNCE_AFTER_MS);
    });
    this.destroyRef.onDestroy(() => {
      clearTimeout(timer);
      subscription.unsubscribe();
    });
  }
}
