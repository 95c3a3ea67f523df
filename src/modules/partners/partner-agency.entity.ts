import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AgencyType } from '@common/access/roles';

export enum AgencyStatus {
  Active = 'ACTIVE',
  /** Every key of a suspended agency stops working at once; nothing is deleted. */
  Suspended = 'SUSPENDED',
}

/**
 * A partner agency: an organisation, never a person. `contactChannel` is an organisation-level
 * note (a role mailbox, a desk's number) — naming an individual here is a misuse, see SECURITY.md.
 */
@Entity({ name: 'partner_agencies' })
@Check('partner_agencies_type_check', `"type" IN ('NGO', 'SHELTER', 'UNHCR', 'GOVERNMENT', 'SETTLEMENT_AGENCY')`)
@Check('partner_agencies_status_check', `"status" IN ('ACTIVE', 'SUSPENDED')`)
@Index('partner_agencies_keyset_idx', ['createdAt', 'id'])
export class PartnerAgencyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: AgencyType;

  /** ISO 3166-1 alpha-2 codes of the countries the agency works in. */
  @Column({ type: 'varchar', length: 2, array: true })
  countries!: string[];

  @Column({ type: 'varchar', length: 16 })
  status!: AgencyStatus;

  @Column({ name: 'contact_channel', type: 'varchar', length: 200, nullable: true })
  contactChannel!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
