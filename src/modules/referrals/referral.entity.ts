import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReferralStatus } from './referral-status';

/**
 * A partner's referral: the link between the agency and the case it opened, and the coarse status
 * it was last told. Nothing personal: the referral's content lives (sealed) in the case.
 */
@Entity({ name: 'referrals' })
@Index('referrals_case_uq', ['caseId'], { unique: true })
@Index('referrals_agency_idx', ['agencyId', 'createdAt', 'id'])
export class ReferralEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ReferralStatus;

  /** Bumped on every status change; keys the `referral.status_changed` event. */
  @Column({ name: 'status_version', type: 'integer', default: 1 })
  statusVersion!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;
}
