import { DemoSeedEntity } from '../modules/demo/demo-seed.entity';
import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { CalendarFeedEntity } from '../modules/calendar/calendar-feed.entity';
import { SeriesEntity } from '../modules/cohorts/series.entity';
import { SessionFacilitatorEntity } from '../modules/cohorts/session-facilitator.entity';
import { FacilitatorUnavailabilityEntity } from '../modules/facilitators/facilitator-unavailability.entity';
import { FacilitatorEntity } from '../modules/facilitators/facilitator.entity';
import { VenueEntity } from '../modules/venues/venue.entity';
import { DelegateProfileEntity } from '../modules/delegates/delegate-profile.entity';
import { EqualityMonitoringEntity } from '../modules/delegates/equality-monitoring.entity';
import { EnrolmentEntity } from '../modules/enrolments/enrolment.entity';
import { TransferOfferEntity } from '../modules/enrolments/transfer-offer.entity';
import { LearningSetMemberEntity } from '../modules/cohorts/learning-set-member.entity';
import { LearningSetEntity } from '../modules/cohorts/learning-set.entity';
import { ImportJobEntity } from '../modules/imports/import-job.entity';
import { OutboxMessageEntity } from '../modules/mail/outbox-message.entity';
import { ApprovalRequestEntity } from '../modules/approvals/approval-request.entity';
import { AttendanceEntity } from '../modules/attendance/attendance.entity';
import { CommunityAttendanceEntity } from '../modules/attendance/community-attendance.entity';
import { CommunityMemberEntity } from '../modules/attendance/community-member.entity';
import { EvaluationAnswerEntity } from '../modules/evaluations/evaluation-answer.entity';
import { EvaluationCompletionEntity } from '../modules/evaluations/evaluation-completion.entity';
import { EvaluationResponseEntity } from '../modules/evaluations/evaluation-response.entity';
import { InstrumentEntity } from '../modules/evaluations/instrument.entity';
import { CohortEntity } from '../modules/cohorts/cohort.entity';
import { SessionChangeEntity } from '../modules/cohorts/session-change.entity';
import { SessionEntity } from '../modules/cohorts/session.entity';
import { JourneyTemplateEntity } from '../modules/programmes/journey-template.entity';
import { ProgrammeEntity } from '../modules/programmes/programme.entity';
import { UserSessionEntity } from '../modules/auth/user-session.entity';
import { UserSignInEntity } from '../modules/auth/user-sign-in.entity';
import { PasswordResetTokenEntity } from '../modules/auth/password-reset-token.entity';
import { ThrottleWindowEntity } from '../modules/auth/throttle-window.entity';
import { TrustedDeviceEntity } from '../modules/auth/trusted-device.entity';
import { PendingRegistrationEntity } from '../modules/auth/pending-registration.entity';
import { PendingLoginEntity } from '../modules/auth/pending-login.entity';
import { RecoveryCodeEntity } from '../modules/second-factor/recovery-code.entity';
import { SecondFactorEntity } from '../modules/second-factor/second-factor.entity';
import { OidcFlowEntity } from '../modules/sso/oidc-flow.entity';
import { UserIdentityEntity } from '../modules/sso/user-identity.entity';
import { OrganisationEntity } from '../modules/organisations/organisation.entity';
import { RegionEntity } from '../modules/organisations/region.entity';
import { UserRoleEntity } from '../modules/users/user-role.entity';
import { UserEntity } from '../modules/users/user.entity';
import { ProgrammeActionEntity } from '../modules/governance/programme-action.entity';
import { ProgrammeReviewEntity } from '../modules/governance/programme-review.entity';
import { ReviewRatingEntity } from '../modules/governance/review-rating.entity';
import { ErasureRequestEntity } from '../modules/erasure/erasure-request.entity';
import { UserErasureEntity } from '../modules/erasure/user-erasure.entity';

/** Listed explicitly: the API is bundled by webpack, so glob loading would find nothing. */
export const ENTITIES = [
  RegionEntity,
  OrganisationEntity,
  UserEntity,
  UserRoleEntity,
  UserSessionEntity,
  UserSignInEntity,
  PasswordResetTokenEntity,
  ThrottleWindowEntity,
  TrustedDeviceEntity,
  PendingRegistrationEntity,
  PendingLoginEntity,
  SecondFactorEntity,
  RecoveryCodeEntity,
  UserIdentityEntity,
  OidcFlowEntity,
  AuditEventEntity,
  ProgrammeEntity,
  JourneyTemplateEntity,
  CohortEntity,
  SessionEntity,
  SessionChangeEntity,
  VenueEntity,
  FacilitatorEntity,
  FacilitatorUnavailabilityEntity,
  SeriesEntity,
  SessionFacilitatorEntity,
  CalendarFeedEntity,
  DelegateProfileEntity,
  EqualityMonitoringEntity,
  EnrolmentEntity,
  TransferOfferEntity,
  LearningSetEntity,
  LearningSetMemberEntity,
  OutboxMessageEntity,
  ApprovalRequestEntity,
  AttendanceEntity,
  CommunityMemberEntity,
  CommunityAttendanceEntity,
  InstrumentEntity,
  EvaluationResponseEntity,
  EvaluationAnswerEntity,
  EvaluationCompletionEntity,
  ProgrammeReviewEntity,
  ReviewRatingEntity,
  ProgrammeActionEntity,
  ImportJobEntity,
  ErasureRequestEntity,
  UserErasureEntity,
  DemoSeedEntity,
];
