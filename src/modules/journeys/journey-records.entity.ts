import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccommodationType, MovementLegStatus, MovementMode, RelocationPlanStatus } from './domain/journey-status';

/** A proposed route out; notes sealed under the case's data key. */
@Entity({ name: 'relocation_plans' })
@Index('relocation_plans_case_idx', ['caseId', 'requestedAt', 'id'])
export class RelocationPlanEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RelocationPlanStatus;

  @Column({ name: 'origin_country', type: 'char', length: 2 })
  originCountry!: string;

  @Column({ name: 'transit_country', type: 'char', length: 2 })
  transitCountry!: string;

  @Column({ name: 'destination_country', type: 'char', length: 2 })
  destinationCountry!: string;

  @Column({ name: 'planned_departure_date', type: 'date', nullable: true })
  plannedDepartureDate!: string | null;

  /** Minor units (cents), so money is never a float. */
  @Column({ name: 'estimated_cost_minor', type: 'integer', nullable: true })
  estimatedCostMinor!: number | null;

  @Column({ name: 'cost_currency', type: 'char', length: 3, nullable: true })
  costCurrency!: string | null;

  @Column({ name: 'notes_sealed', type: 'bytea', nullable: true })
  notesSealed!: Buffer | null;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One leg of the journey (a border crossing, a flight). */
@Entity({ name: 'movement_legs' })
@Index('movement_legs_case_idx', ['caseId', 'createdAt', 'id'])
export class MovementLegEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'from_country', type: 'char', length: 2 })
  fromCountry!: string;

  @Column({ name: 'to_country', type: 'char', length: 2 })
  toCountry!: string;

  @Column({ type: 'varchar', length: 8 })
  mode!: MovementMode;

  @Column({ type: 'varchar', length: 16 })
  status!: MovementLegStatus;

  @Column({ name: 'planned_departure_date', type: 'date', nullable: true })
  plannedDepartureDate!: string | null;

  @Column({ name: 'planned_arrival_date', type: 'date', nullable: true })
  plannedArrivalDate!: string | null;

  @Column({ name: 'departed_at', type: 'timestamptz', nullable: true })
  departedAt!: Date | null;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt!: Date | null;

  @Column({ name: 'aborted_at', type: 'timestamptz', nullable: true })
  abortedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A stay in a safe country. `allowed_days` is the stay rule's value at arrival (kept with the
 * rule's source), so a later edit of the table never silently moves a running clock; days
 * remaining is derived on read, never stored.
 */
@Entity({ name: 'safe_country_stays' })
@Index('safe_country_stays_case_idx', ['caseId', 'entryDate', 'id'])
export class SafeCountryStayEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'host_country', type: 'char', length: 2 })
  hostCountry!: string;

  @Column({ name: 'entry_date', type: 'date' })
  entryDate!: string;

  @Column({ name: 'allowed_days', type: 'integer', nullable: true })
  allowedDays!: number | null;

  @Column({ name: 'stay_rule_source', type: 'text', nullable: true })
  stayRuleSource!: string | null;

  @Column({ name: 'exit_date', type: 'date', nullable: true })
  exitDate!: string | null;

  @Column({ name: 'accommodation_type', type: 'varchar', length: 16, nullable: true })
  accommodationType!: AccommodationType | null;

  @Column({ name: 'accommodation_location_sealed', type: 'bytea', nullable: true })
  accommodationLocationSealed!: Buffer | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** How long a national of one country may stay in a host country; admins keep it current. */
@Entity({ name: 'stay_rules' })
export class StayRuleEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  nationality!: string;

  @PrimaryColumn({ name: 'host_country', type: 'char', length: 2 })
  hostCountry!: string;

  @Column({ name: 'allowed_days', type: 'integer' })
  allowedDays!: number;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'checked_on', type: 'date' })
  checkedOn!: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 100, nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
