import { DelegateProfile, EqualityMonitoring } from './enrolments';

/**
 * Everything Upstand holds about the signed-in person (GET /api/me/data-export, UK GDPR Article 15). Emails are
 * listed without their bodies (which carry sign-in and approval links); audit events name fields, never values.
 * Times are ISO 8601.
 */
export interface MyDataExport {
  exportedAt: string;
  account: {
    email: string;
    fullName: string;
    organisation: string | null;
    roles: string[];
    createdAt: string;
  };
  delegateProfile: DelegateProfile | null;
  /** Null when no equality answers are held. */
  equalityMonitoring: EqualityMonitoring | null;
  enrolments: {
    cohort: string;
    programme: string;
    status: string;
    createdAt: string;
    statusChangedAt: string;
  }[];
  attendance: { cohort: string; session: string; startsAt: string; status: string; recordedAt: string }[];
  /** Questionnaire answers linked to the person; answers given in anonymous mode cannot be linked and are absent. */
  questionnaireResponses: {
    cohort: string;
    stage: string;
    submittedAt: string;
    answers: { itemCode: string; value: number | string | null }[];
  }[];
  emails: { subject: string; status: string; createdAt: string; sentAt: string | null }[];
  auditEvents: { action: string; occurredAt: string; fields: string[] }[];
}
