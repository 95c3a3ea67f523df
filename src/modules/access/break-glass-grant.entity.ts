import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BreakGlassReason } from './break-glass-reason';

/** A coordinator's time-boxed access to one case outside their scope. */
@Entity({ name: 'break_glass_grants' })
@Index('break_glass_grants_lookup_idx', ['userId', 'caseId', 'expiresAt'])
export class BreakGlassGrantEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'reason_code', type: 'varchar', length: 32 })
  reasonCode!: BreakGlassReason;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
