import { DataKeyEntity } from '@infra/crypto/data-key.entity';
import { OutboxEventEntity } from '@infra/outbox/outbox-event.entity';
import { SchedulerTickEntity } from '@infra/scheduling/scheduler-tick.entity';
import { BreakGlassGrantEntity } from '@modules/access/break-glass-grant.entity';
import { AuditChainHeadEntity } from '@modules/audit/audit-chain-head.entity';
import { AuditEventEntity } from '@modules/audit/audit-event.entity';
import {
  CaseAssignmentEntity,
  CaseDuplicateCandidateEntity,
  CaseErasureRequestEntity,
  CaseHistoryEntity,
  CaseMatchKeyEntity,
  CaseNoteEntity,
  TriageAssessmentEntity,
} from '@modules/cases/case-records.entity';
import { CaseEntity } from '@modules/cases/case.entity';
import { MovementLegEntity, RelocationPlanEntity, SafeCountryStayEntity, StayRuleEntity } from '@modules/journeys/journey-records.entity';
import { CheckinLinkEntity, CheckinPinsEntity } from '@modules/checkins/checkin-links.entity';
import { ResettlementApplicationEntity, ResettlementMilestoneEntity } from '@modules/journeys/resettlement/resettlement.entity';
import { CheckinEntity, CheckinPolicyEntity, CheckinScheduleEntity } from '@modules/checkins/checkin-records.entity';
import { EscalationEntity } from '@modules/escalations/escalation.entity';
import { SystemStateEntity } from '@modules/lockdown/system-state.entity';
import { StaffNotificationEntity } from '@modules/notifications/staff-notification.entity';
import { StaffEnrolmentEntity } from '@modules/staff/staff-enrolment.entity';
import { StaffRefreshTokenEntity, StaffSessionEntity } from '@modules/staff/staff-session.entity';
import { StaffUserEntity } from '@modules/staff/staff-user.entity';
import { ApiKeyEntity } from '@modules/partners/api-key.entity';
import { PartnerAgencyEntity } from '@modules/partners/partner-agency.entity';
import { ExpediteRequestEntity, ExpediteResponseEntity } from '@modules/journeys/expedite/expedite.entity';
import { EscalationEventEntity } from '@modules/escalations/escalation-event.entity';
import { EgressAllowlistEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from '@modules/webhooks/webhook-records.entity';
import { IdempotencyRecordEntity } from '@infra/http/idempotency/idempotency-record.entity';
import { ReferralEntity } from '@modules/referrals/referral.entity';
import { CaseShareEntity, ServiceUpdateEntity } from '@modules/shares/case-share.entity';
import { ActivationCaseEntity, ActivationEntity, ActivationFanoutChunkEntity, ActivationRosterEntity } from '@modules/activations/activation.entity';
import { CaseDocumentEntity, DocumentBlobEntity, DocumentSegmentEntity, SharedDocumentEntity } from '@modules/documents/document.entity';
import { MIGRATIONS } from '@migrations/index';

/** Every entity of the application; the migration drift check compares the schema against these. */
export const ENTITIES = [
  OutboxEventEntity,
  SchedulerTickEntity,
  AuditEventEntity,
  StaffUserEntity,
  StaffEnrolmentEntity,
  StaffSessionEntity,
  StaffRefreshTokenEntity,
  SystemStateEntity,
  StaffNotificationEntity,
  BreakGlassGrantEntity,
  PartnerAgencyEntity,
  ApiKeyEntity,
  DataKeyEntity,
  CaseEntity,
  CaseAssignmentEntity,
  CaseNoteEntity,
  CaseHistoryEntity,
  CaseMatchKeyEntity,
  CaseDuplicateCandidateEntity,
  TriageAssessmentEntity,
  CaseErasureRequestEntity,
  RelocationPlanEntity,
  MovementLegEntity,
  SafeCountryStayEntity,
  StayRuleEntity,
  ResettlementApplicationEntity,
  ResettlementMilestoneEntity,
  AuditChainHeadEntity,
  CheckinPolicyEntity,
  CheckinScheduleEntity,
  CheckinEntity,
  CheckinPinsEntity,
  CheckinLinkEntity,
  EscalationEntity,
  ExpediteRequestEntity,
  ExpediteResponseEntity,
  EscalationEventEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  EgressAllowlistEntity,
  IdempotencyRecordEntity,
  ReferralEntity,
  CaseShareEntity,
  ServiceUpdateEntity,
  ActivationEntity,
  ActivationRosterEntity,
  ActivationCaseEntity,
  ActivationFanoutChunkEntity,
  DocumentBlobEntity,
  DocumentSegmentEntity,
  CaseDocumentEntity,
  SharedDocumentEntity,
];

export const PERSISTENCE = { entities: ENTITIES, migrations: MIGRATIONS };
