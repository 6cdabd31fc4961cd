import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ErrorSummaryComponent } from './error-summary.component';
import { FormErrors } from './form-errors';
import { FORM_FIELD } from './form-field';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, ...FORM_FIELD],
  template: `
    <form [formGroup]="form" [appErrors]="errors">
      <app-field field="name" label="Name" hint="Your full name">
        <input class="nhsuk-input" appControl formControlName="name" />
      </app-field>
      <app-field field="kind" label="Kind">
        <select class="nhsuk-select" appControl formControlName="kind">
          <option value="a">A</option>
        </select>
      </app-field>
      <app-checkboxes
        field="days"
        legend="Days"
        hint="Select all that apply"
        [options]="[
          { value: 'mon', label: 'Monday' },
          { value: 'tue', label: 'Tuesday', hint: 'Half day' },
        ]"
        formControlName="days"
      />
    </form>
  `,
})
class HostComponent {
  readonly errors = new FormErrors(['name', 'kind', 'days']);
  readonly form = TestBedForm();
}

function TestBedForm() {
  return TestBed.inject(NonNullableFormBuilder).group({ name: [''], kind: ['a'], days: [['tue']] });
}

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <app-error-summary [errors]="errors.items()" />
    <form [formGroup]="form" [appErrors]="errors">
      <app-checkbox
        class="nhsuk-u-margin-bottom-0"
        field="active"
        label="Active"
        hint="Only active people get new work"
        formControlName="active"
      />
      <app-checkbox
        field="anonymous"
        legend="Evaluation"
        hint="Answers are paired by a code"
        label="Anonymous evaluation"
        formControlName="anonymous"
      />
    </form>
  `,
})
class CheckboxHostComponent {
  readonly errors = new FormErrors(['active', 'anonymous']);
  readonly form = TestBed.inject(NonNullableFormBuilder).group({ active: [true], anonymous: [false] });
}

async function render() {
  const fixture = TestBed.createComponent(HostComponent);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, host: fixture.componentInstance };
}

describe('shared form fields', () => {
  it('renders an NHS form group: label for the input, hint, and the input described by the hint', async () => {
    const { element } = await render();
    const input = element.querySelector('input.nhsuk-input') as HTMLInputElement;
    expect(input.id).toBe('name');
    expect(input.getAttribute('name')).toBe('name');
    expect(element.querySelector('label[for="name"]')?.textContent).toBe('Name');
    expect(element.querySelector('#name-hint')?.textContent).toBe('Your full name');
    expect(input.getAttribute('aria-describedby')).toBe('name-hint');
    expect(element.querySelector('select')?.getAttribute('aria-describedby')).toBeNull();
    expect(input.closest('app-field')?.classList).toContain('nhsuk-form-group');
  });

  it('shows the form errors inline, with error styles, and puts "Error:" in the page title', async () => {
    const { fixture, element, host } = await render();
    host.errors.set([
      { field: 'name', text: 'Enter your name' },
      { field: 'kind', text: 'Select a kind' },
      { field: 'days', text: 'Select a day' },
    ]);
    await fixture.whenStable();
    const input = element.querySelector('#name') as HTMLInputElement;
    expect(input.getAttribute('aria-describedby')).toBe('name-hint name-error');
    expect(input.classList).toContain('nhsuk-input--error');
    expect(element.querySelector('#name-error')?.textContent?.trim()).toBe('Error: Enter your name');
    expect(input.closest('app-field')?.classList).toContain('nhsuk-form-group--error');
    expect(element.querySelector('#kind')?.classList).toContain('nhsuk-select--error');
    expect(element.querySelector('fieldset')?.getAttribute('aria-describedby')).toBe('days-hint days-error');
    expect(document.title).toMatch(/^Error: /);

    host.errors.clear();
    await fixture.whenStable();
    expect(input.classList).not.toContain('nhsuk-input--error');
    expect(document.title).not.toMatch(/^Error: /);
  });

  it('binds checkboxes to a list of values; the first checkbox has the field id', async () => {
    const { fixture, element, host } = await render();
    const boxes = Array.from(element.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
    expect(boxes.map((b) => [b.id, b.checked])).toEqual([
      ['days', false],
      ['days-2', true],
    ]);
    expect(element.querySelector('legend')?.textContent?.trim()).toBe('Days');
    expect(boxes[1].getAttribute('aria-describedby')).toBe('days-2-item-hint');
    boxes[0].click();
    await fixture.whenStable();
    expect(host.form.controls.days.value).toEqual(['mon', 'tue']);
    boxes[1].click();
    expect(host.form.controls.days.value).toEqual(['mon']);
    host.form.controls.days.setValue([]);
    await fixture.whenStable();
    expect(boxes.map((b) => b.checked)).toEqual([false, false]);
  });

  describe('a single checkbox', () => {
    async function renderCheckboxes() {
      const fixture = TestBed.createComponent(CheckboxHostComponent);
      await fixture.whenStable();
      const element = fixture.nativeElement as HTMLElement;
      const box = (id: string) => element.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
      return { fixture, element, host: fixture.componentInstance, box };
    }

    it('renders the NHS markup: the input has the field id and name, its label and its hint', async () => {
      const { element, box } = await renderCheckboxes();
      const active = box('active');
      expect(active.type).toBe('checkbox');
      expect(active.getAttribute('name')).toBe('active');
      expect(active.classList).toContain('nhsuk-checkboxes__input');
      expect(active.closest('.nhsuk-checkboxes__item')?.closest('.nhsuk-checkboxes')).not.toBeNull();
      expect(Array.from(active.closest('app-checkbox')?.classList ?? [])).toEqual(
        expect.arrayContaining(['nhsuk-form-group', 'nhsuk-u-margin-bottom-0']),
      );
      expect(active.labels?.[0].textContent).toBe('Active');
      expect(active.labels?.[0].classList).toContain('nhsuk-checkboxes__label');
      expect(element.querySelector('#active-hint')?.textContent?.trim()).toBe(
        'Only active people get new work',
      );
      expect(element.querySelector('#active-hint')?.classList).toContain('nhsuk-checkboxes__hint');
      expect(active.getAttribute('aria-describedby')).toBe('active-hint');
      expect(active.closest('fieldset')).toBeNull();
    });

    it('with a legend, sits in a fieldset described by the hint under the legend', async () => {
      const { element, box } = await renderCheckboxes();
      const anonymous = box('anonymous');
      const fieldset = anonymous.closest('fieldset');
      expect(fieldset?.querySelector('legend')?.textContent?.trim()).toBe('Evaluation');
      expect(fieldset?.getAttribute('aria-describedby')).toBe('anonymous-hint');
      expect(element.querySelector('#anonymous-hint')?.textContent?.trim()).toBe(
        'Answers are paired by a code',
      );
      expect(anonymous.getAttribute('aria-describedby')).toBeNull();
      expect(anonymous.labels?.[0].textContent).toBe('Anonymous evaluation');
    });

    it('ticks and unticks the form control, and follows its value', async () => {
      const { fixture, host, box } = await renderCheckboxes();
      expect(box('active').checked).toBe(true);
      expect(box('anonymous').checked).toBe(false);

      box('anonymous').click();
      box('active').click();
      expect(host.form.getRawValue()).toEqual({ active: false, anonymous: true });

      host.form.setValue({ active: true, anonymous: false });
      await fixture.whenStable();
      expect([box('active').checked, box('anonymous').checked]).toEqual([true, false]);

      host.form.controls.active.disable();
      await fixture.whenStable();
      expect(box('active').disabled).toBe(true);
    });

    it('shows its error inline, and the error summary link lands on the checkbox', async () => {
      const { fixture, element, host, box } = await renderCheckboxes();
      host.errors.set([
        { field: 'active', text: 'Say whether they are active' },
        { field: 'anonymous', text: 'Responses have arrived' },
      ]);
      await fixture.whenStable();

      expect(element.querySelector('#active-error')?.textContent?.trim()).toBe(
        'Error: Say whether they are active',
      );
      expect(box('active').getAttribute('aria-describedby')).toBe('active-hint active-error');
      expect(box('active').closest('app-checkbox')?.classList).toContain('nhsuk-form-group--error');
      expect(box('anonymous').closest('fieldset')?.getAttribute('aria-describedby')).toBe(
        'anonymous-hint anonymous-error',
      );
      expect(element.querySelector('#anonymous-error')?.textContent?.trim()).toBe(
        'Error: Responses have arrived',
      );

      const link = element.querySelector<HTMLAnchorElement>('.nhsuk-error-summary a[href="#anonymous"]');
      link?.click();
      expect(document.activeElement).toBe(box('anonymous'));

      host.errors.clear();
      await fixture.whenStable();
      expect(element.querySelector('#active-error')).toBeNull();
      expect(box('active').getAttribute('aria-describedby')).toBe('active-hint');
      expect(box('active').closest('app-checkbox')?.classList).not.toContain('nhsuk-form-group--error');
    });
  });
});
