import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The single row of system-wide security state. */
@Entity({ name: 'system_state' })
@Check('system_state_single_row', '"id" = 1')
export class SystemStateEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  /** Bumped by lockdown: every session and API key issued before stops working. */
  @Column({ name: 'credential_epoch', type: 'integer', default: 0 })
  credentialEpoch!: number;

  @Column({ name: 'lockdown_active', type: 'boolean', default: false })
  lockdownActive!: boolean;

  @Column({ name: 'lockdown_declared_by', type: 'uuid', nullable: true })
  lockdownDeclaredBy!: string | null;

  @Column({ name: 'lockdown_declared_at', type: 'timestamptz', nullable: true })
  lockdownDeclaredAt!: Date | null;

  @Column({ name: 'lockdown_lifted_by', type: 'uuid', nullable: true })
  lockdownLiftedBy!: string | null;

  @Column({ name: 'lockdown_lifted_at', type: 'timestamptz', nullable: true })
  lockdownLiftedAt!: Date | null;
}
