import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { DateInputComponent } from '../../shared/date-input.component';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { formatNhsDate } from '../../shared/nhs-date.pipe';
import { ImpactData, loaded } from './impact-data.service';
import {
  DATE_FILTERS,
  filterErrors,
  filtersFromForm,
  filtersToParams,
  NARROWING_FILTERS,
} from './impact-filters';

interface Choice {
  value: string;
  text: string;
}

/** A filter chosen from a list; a group with a label becomes an optgroup. */
interface ChoiceField {
  id: (typeof NARROWING_FILTERS)[number];
  label: string;
  /** The first choice, which leaves the filter off. */
  all: string;
  groups: { label: string; choices: Choice[] }[];
}

/**
 * The Impact page's filters: a plain GET form, so it works as a link too; with the app running its values become
 * the address's query parameters, which every report follows.
 */
@Component({
  selector: 'app-impact-filters-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent, DateInputComponent, RouterLink],
  templateUrl: './filters-form.component.html',
})
export class FiltersFormComponent {
  protected readonly data = inject(ImpactData);
  private readonly router = inject(Router);

  /** Errors of the submitted form; until it is sent, those of the filters in a shared address. */
  private readonly formErrors = signal<ErrorItem[]>([]);
  protected readonly shownErrors = computed(() =>
    this.formErrors().length ? this.formErrors() : this.data.urlErrors(),
  );
  protected readonly optionsErrors = computed(() => {
    const options = this.data.options;
    return options.status() === 'error' ? mapApiError(options.error()).errors : [];
  });
  protected readonly options = computed(() => loaded(this.data.options));

  protected readonly dateFields = DATE_FILTERS;

  /** The narrowing filters as lists to choose from; organisations by name under their integrated care system. */
  protected readonly choiceFields = computed<ChoiceField[]>(() => {
    const options = this.options();
    if (!options) return [];
    const single = (choices: Choice[]) => [{ label: '', choices }];
    const systemName = new Map(options.systems.map((system) => [system.id, system.name]));
    const groups = new Map<string, Choice[]>();
    for (const organisation of [...options.organisations].sort((a, b) =>
      a.name.localeCompare(b.name, 'en-GB'),
    )) {
      const label = (organisation.systemId && systemName.get(organisation.systemId)) || 'Other organisations';
      groups.set(label, [...(groups.get(label) ?? []), { value: organisation.id, text: organisation.name }]);
    }
    return [
      {
        id: 'group',
        label: 'System group',
        all: 'All',
        groups: single([
          { value: 'home', text: 'Home system' },
          { value: 'scale-up', text: 'Midlands scale-up' },
        ]),
      },
      {
        id: 'systemId',
        label: 'Integrated care system',
        all: 'All systems',
        groups: single(options.systems.map((system) => ({ value: system.id, text: system.name }))),
      },
      {
        id: 'organisationId',
        label: 'Organisation',
        all: 'All organisations',
        groups: [...groups.entries()]
          .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
          .map(([label, choices]) => ({ label, choices })),
      },
      {
        id: 'cohortId',
        label: 'Cohort',
        all: 'All cohorts',
        groups: single(
          options.cohorts.map((cohort) => ({
            value: cohort.id,
            text: `${cohort.name} (${formatNhsDate(cohort.startDate)})`,
          })),
        ),
      },
    ];
  });

  protected applyFilters(event: Event): void {
    event.preventDefault();
    const { filters, errors: dateErrors } = filtersFromForm(event.target as HTMLFormElement);
    const errors = [...dateErrors, ...filterErrors(filters, this.data.protectedViewer())];
    this.formErrors.set(errors);
    if (errors.length) return;
    void this.router.navigate(['/impact'], { queryParams: filtersToParams(filters, this.data.dimension()) });
  }

  protected clearParams(): Record<string, string> {
    const programmeId = this.data.filters().programmeId;
    return programmeId ? { programmeId } : {};
  }

  protected fieldError(field: string): string | null {
    return this.shownErrors().find((error) => error.field === field)?.text ?? null;
  }
}
