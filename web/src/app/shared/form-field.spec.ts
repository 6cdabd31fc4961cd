import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
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
});
