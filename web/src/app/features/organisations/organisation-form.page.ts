import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  CreateOrganisationRequest,
  ODS_CODE_HINT,
  ODS_CODE_PATTERN,
  Organisation,
  ORGANISATION_NAME_MAX_LENGTH,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  OrganisationType,
  Region,
} from '@upstand/contracts';
import { catchError, map, Observable, of } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { OrganisationsApiService } from '../../core/api/organisations-api.service';
import { RegionsApiService } from '../../core/api/regions-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { SaveAndReturn } from '../../shared/save-and-return';
import { DateInputComponent } from '../../shared/date-input.component';
import { checkDateParts, EMPTY_DATE, isoToDateParts } from '../../shared/date-parts';
import { checkHeadcount, HEADCOUNT_MESSAGES } from './headcount';
import { isOrganisationType } from './organisation-query';

export const ORGANISATION_FORM_FIELDS = [
  'odsCode',
  'name',
  'type',
  'systemId',
  'regionId',
  'isHomeSystem',
  'validFrom',
  'validTo',
  'headcount',
  'headcountAsOf',
] as const;

export const ORGANISATION_MESSAGES = {
  odsCodeRequired: 'Enter the ODS code',
  odsCodePattern: `ODS code must be ${ODS_CODE_HINT}`,
  nameRequired: 'Enter the organisation name',
  nameTooLong: `Organisation name must be ${ORGANISATION_NAME_MAX_LENGTH} characters or fewer`,
  typeRequired: 'Select the type of organisation',
  systemRequired: 'Select the integrated care board the organisation belongs to',
  regionRequired: 'Select the NHS England region',
  validToBeforeFrom: 'Valid to date must be the same as or after the valid from date',
  ...HEADCOUNT_MESSAGES,
} as const;

/** Today's date as YYYY-MM-DD in the user's time zone. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

type Loaded =
  | { status: 'new' }
  | { status: 'loading' }
  | { status: 'loaded' }
  | { status: 'failed'; errors: ErrorItem[] };

@Component({
  selector: 'app-organisation-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, DateInputComponent, ...FORM_FIELD],
  templateUrl: './organisation-form.page.html',
})
export class OrganisationFormPage implements OnInit {
  private readonly api = inject(OrganisationsApiService);

  /** Route parameter `:id`; absent when adding an organisation. */
  readonly id = input<string>();

  protected readonly odsCodeHint = ODS_CODE_HINT;
  protected readonly types = ORGANISATION_TYPES;
  protected readonly typeLabels = ORGANISATION_TYPE_LABELS;
  protected readonly errors = new FormErrors(ORGANISATION_FORM_FIELDS);
  private readonly save = new SaveAndReturn(this.errors);
  protected readonly loaded = signal<Loaded>({ status: 'new' });
  protected readonly original = signal<Organisation | null>(null);
  protected readonly loadErrors = computed(() => {
    const state = this.loaded();
    return state.status === 'failed' ? state.errors : [];
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    odsCode: [''],
    name: [''],
    type: ['' as OrganisationType | ''],
    systemId: [''],
    regionId: [''],
    isHomeSystem: [false],
    validFrom: [EMPTY_DATE],
    validTo: [EMPTY_DATE],
    headcount: [''],
    headcountAsOf: [EMPTY_DATE],
  });

  protected readonly type = toSignal(this.form.controls.type.valueChanges, {
    initialValue: this.form.controls.type.value,
  });
  protected readonly isIcb = computed(() => this.type() === 'icb');

  protected readonly regions = toSignal(
    inject(RegionsApiService)
      .list()
      .pipe(
        map((list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))),
        catchError(() => of([] as Region[])),
      ),
    { initialValue: [] as Region[] },
  );

  protected readonly systems = toSignal(
    this.api.list({ type: 'icb', includeClosed: true }).pipe(
      map((list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))),
      catchError(() => of([] as Organisation[])),
    ),
    { initialValue: [] as Organisation[] },
  );

  ngOnInit(): void {
    const id = this.id();
    if (!id) {
      this.form.controls.validFrom.setValue(isoToDateParts(today()));
      return;
    }
    this.loaded.set({ status: 'loading' });
    this.api.get(id).subscribe({
      next: (organisation) => {
        this.original.set(organisation);
        this.form.setValue({
          odsCode: organisation.odsCode,
          name: organisation.name,
          type: organisation.type,
          systemId: organisation.system?.id ?? '',
          regionId: organisation.region?.id ?? '',
          isHomeSystem: organisation.isHomeSystem,
          validFrom: isoToDateParts(organisation.validFrom),
          validTo: isoToDateParts(organisation.validTo),
          headcount: organisation.headcount === null ? '' : String(organisation.headcount),
          headcountAsOf: organisation.headcountAsOf ? isoToDateParts(organisation.headcountAsOf) : EMPTY_DATE,
        });
        this.loaded.set({ status: 'loaded' });
      },
      error: (error: unknown) => {
        const mapped = mapApiError(error);
        this.loaded.set({
          status: 'failed',
          errors: mapped.status === 404 ? [{ text: 'This organisation does not exist.' }] : mapped.errors,
        });
      },
    });
  }

  protected isClosed(organisation: Organisation): boolean {
    return organisation.validTo !== null && organisation.validTo < today();
  }

  private validate(): { problems: ErrorItem[]; request: CreateOrganisationRequest | null } {
    const value = this.form.getRawValue();
    const odsCode = value.odsCode.trim().toUpperCase();
    const name = value.name.trim();
    const problems: ErrorItem[] = [];

    if (!odsCode) problems.push({ field: 'odsCode', text: ORGANISATION_MESSAGES.odsCodeRequired });
    else if (!ODS_CODE_PATTERN.test(odsCode))
      problems.push({ field: 'odsCode', text: ORGANISATION_MESSAGES.odsCodePattern });

    if (!name) problems.push({ field: 'name', text: ORGANISATION_MESSAGES.nameRequired });
    else if (name.length > ORGANISATION_NAME_MAX_LENGTH)
      problems.push({ field: 'name', text: ORGANISATION_MESSAGES.nameTooLong });

    const type = isOrganisationType(value.type) ? value.type : null;
    if (!type) problems.push({ field: 'type', text: ORGANISATION_MESSAGES.typeRequired });
    const icb = type === 'icb';
    if (type && !icb && !value.systemId)
      problems.push({ field: 'systemId', text: ORGANISATION_MESSAGES.systemRequired });
    if (icb && !value.regionId)
      problems.push({ field: 'regionId', text: ORGANISATION_MESSAGES.regionRequired });

    const validFrom = checkDateParts('validFrom', 'valid from date', value.validFrom, { optional: true });
    const validTo = checkDateParts('validTo', 'valid to date', value.validTo, { optional: true });
    if (!validFrom.ok) problems.push(validFrom.error);
    if (!validTo.ok) problems.push(validTo.error);
    else if (validFrom.ok && validFrom.iso && validTo.iso && validTo.iso < validFrom.iso) {
      problems.push({ field: 'validTo', text: ORGANISATION_MESSAGES.validToBeforeFrom });
    }

    const { headcount, headcountAsOf, ...staff } = checkHeadcount(
      String(value.headcount ?? ''),
      value.headcountAsOf,
      today(),
    );
    problems.push(...staff.problems);

    if (problems.length || !type || !validFrom.ok || !validTo.ok) return { problems, request: null };
    if (odsCode !== value.odsCode) this.form.controls.odsCode.setValue(odsCode);
    return {
      problems,
      request: {
        odsCode,
        name,
        type,
        systemId: icb ? null : value.systemId,
        regionId: icb ? value.regionId : null,
        isHomeSystem: icb ? value.isHomeSystem : false,
        ...(validFrom.iso ? { validFrom: validFrom.iso } : {}),
        validTo: validTo.iso || null,
        headcount,
        headcountAsOf,
      },
    };
  }

  /** The save call for a valid form, or null after showing what is wrong. */
  private request(): Observable<Organisation> | null {
    const { problems, request } = this.validate();
    if (!request) {
      this.errors.set(problems);
      return null;
    }
    const id = this.id();
    return id ? this.api.update(id, request) : this.api.create(request);
  }

  protected submit(): void {
    this.save.submit(() => this.request(), {
      message: (saved) => `Organisation ${saved.odsCode} saved`,
      back: ['/organisations'],
    });
  }
}
