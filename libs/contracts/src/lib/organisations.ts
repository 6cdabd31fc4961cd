export const ORGANISATION_TYPES = [
  'icb',
  'acute-trust',
  'mental-health-community-trust',
  'ambulance-trust',
  'primary-care',
  'social-care',
  'voluntary-sector',
  'other',
] as const;

export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  icb: 'Integrated care board',
  'acute-trust': 'Acute trust',
  'mental-health-community-trust': 'Mental health and community trust',
  'ambulance-trust': 'Ambulance trust',
  'primary-care': 'Primary care',
  'social-care': 'Social care',
  'voluntary-sector': 'Voluntary sector',
  other: 'Other',
};

/**
 * ODS codes are 3 to 6 upper-case letters and digits (Y60 for a region, QK1 for an ICB, RWE for a trust,
 * A81001 for a GP practice).
 */
export const ODS_CODE_PATTERN = /^[A-Z0-9]{3,6}$/;
export const ODS_CODE_HINT = '3 to 6 capital letters and numbers, for example RWE';

export const ORGANISATION_NAME_MAX_LENGTH = 200;

/** A staff headcount is a whole number in this range (the database checks it too). */
export const HEADCOUNT_MIN = 1;
export const HEADCOUNT_MAX = 2_000_000;

export interface Region {
  id: string;
  odsCode: string;
  name: string;
}

export interface SystemSummary {
  id: string;
  odsCode: string;
  name: string;
}

export interface Organisation {
  id: string;
  odsCode: string;
  name: string;
  type: OrganisationType;
  region: Region;
  /** The integrated care board the organisation belongs to; null for an ICB itself. */
  system: SystemSummary | null;
  isHomeSystem: boolean;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD, or null while current */
  validTo: string | null;
  /** Staff headcount (for trained-per-1,000-staff reach figures); null when not entered */
  headcount: number | null;
  /** YYYY-MM-DD: the date the headcount was counted; set exactly when headcount is */
  headcountAsOf: string | null;
}

export interface OrganisationQuery {
  type?: OrganisationType;
  /** ODS code of an ICB: the ICB and every organisation in it */
  system?: string;
  /** Case-insensitive search in name and ODS code */
  q?: string;
  /** Include organisations whose valid-to date has passed */
  includeClosed?: boolean;
}

export interface CreateOrganisationRequest {
  odsCode: string;
  name: string;
  type: OrganisationType;
  /** Required for every type except `icb` */
  systemId?: string | null;
  /** Required for `icb`; other organisations take their system's region */
  regionId?: string | null;
  isHomeSystem?: boolean;
  validFrom?: string;
  validTo?: string | null;
  headcount?: number | null;
  /** YYYY-MM-DD, not in the future; required with a headcount (and cleared with it) */
  headcountAsOf?: string | null;
}

export type UpdateOrganisationRequest = Partial<CreateOrganisationRequest>;

export type ImportRowAction = 'create' | 'update' | 'unchanged' | 'error';

export interface OrganisationImportRow {
  /** 1-based line number in the file, counting the header as line 1 */
  line: number;
  odsCode: string;
  action: ImportRowAction;
  errors: string[];
}

export interface OrganisationImportReport {
  dryRun: boolean;
  /** True when the rows were written; an import with any row in error writes nothing. */
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rows: OrganisationImportRow[];
}

/** Columns of the organisation CSV import, in the order the template uses. */
export const ORGANISATION_IMPORT_COLUMNS = [
  'ods_code',
  'name',
  'type',
  'system_ods_code',
  'region_ods_code',
  'valid_from',
  'valid_to',
] as const;
