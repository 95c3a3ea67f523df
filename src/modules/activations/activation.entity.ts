import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ActivationOverrides } from '@modules/cases/activation-policy.port';

export enum ActivationStatus {
  ACTIVE = 'ACTIVE',
  STOOD_DOWN = 'STOOD_DOWN',
}

/** What the current (or last) fan-out run does to the activation's cases. */
export enum FanoutKind {
  /** Activation: link matching open cases, re-time them with the overrides, assign the roster. */
  LINK = 'LINK',
  /** Overrides changed: re-time the held cases. */
  RESCHEDULE = 'RESCHEDULE',
  /** Stand-down: release the cases and re-time them with the standard policy. */
  RELEASE = 'RELEASE',
}

/** A rapid-response activation (spec 3.7). Holds no personal data: codes, countries and staff ids. */
@Entity({ name: 'activations' })
@Check('activations_status_ck', `"status" IN ('ACTIVE', 'STOOD_DOWN')`)
@Check('activations_stood_down_ck', `("status" = 'STOOD_DOWN') = ("stood_down_at" IS NOT NULL)`)
export class ActivationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('activations_code_uq', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 4000, default: '' })
  description!: string;

  @Column({ name: 'origin_countries', type: 'text', array: true })
  originCountries!: string[];

  @Column({ name: 'transit_countries', type: 'text', array: true, default: () => `'{}'` })
  transitCountries!: string[];

  @Column({ name: 'agency_ids', type: 'uuid', array: true, default: () => `'{}'` })
  agencyIds!: string[];

  @Column({ name: 'coordinator_ids', type: 'uuid', array: true })
  coordinatorIds!: string[];

  @Column({ type: 'jsonb', default: () => `'{}'` })
  overrides!: ActivationOverrides;

  @Column({ type: 'varchar', length: 16 })
  status!: ActivationStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'started_by', type: 'uuid' })
  startedBy!: string;

  @Column({ name: 'stood_down_at', type: 'timestamptz', nullable: true })
  stoodDownAt!: Date | null;

  @Column({ name: 'stood_down_by', type: 'uuid', nullable: true })
  stoodDownBy!: string | null;

  @Column({ name: 'fanout_kind', type: 'varchar', length: 16, nullable: true })
  fanoutKind!: FanoutKind | null;

  /** Bumped by every fan-out run; a chunk of an older run does nothing. */
  @Column({ name: 'fanout_generation', type: 'integer', default: 0 })
  fanoutGeneration!: number;

  @Column({ name: 'fanout_chunks_total', type: 'integer', default: 0 })
  fanoutChunksTotal!: number;

  @Column({ name: 'fanout_chunks_done', type: 'integer', default: 0 })
  fanoutChunksDone!: number;

  @Column({ name: 'fanout_targeted', type: 'integer', default: 0 })
  fanoutTargeted!: number;

  @Column({ name: 'fanout_linked', type: 'integer', default: 0 })
  fanoutLinked!: number;

  @Column({ name: 'fanout_rescheduled', type: 'integer', default: 0 })
  fanoutRescheduled!: number;

  @Column({ name: 'fanout_assigned', type: 'integer', default: 0 })
  fanoutAssigned!: number;

  @Column({ name: 'fanout_unplaced', type: 'integer', default: 0 })
  fanoutUnplaced!: number;

  @Column({ name: 'fanout_failed', type: 'integer', default: 0 })
  fanoutFailed!: number;

  @Column({ name: 'fanout_released', type: 'integer', default: 0 })
  fanoutReleased!: number;

  @Column({ name: 'fanout_started_at', type: 'timestamptz', nullable: true })
  fanoutStartedAt!: Date | null;

  @Column({ name: 'fanout_finished_at', type: 'timestamptz', nullable: true })
  fanoutFinishedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A caseworker on the activation's roster, with the most open cases they may hold in total. */
@Entity({ name: 'activation_roster' })
@Check('activation_roster_cap_ck', `"caseload_cap" > 0`)
export class ActivationRosterEntity {
  @PrimaryColumn({ name: 'activation_id', type: 'uuid' })
  activationId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'caseload_cap', type: 'integer' })
  caseloadCap!: number;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}

/** Which cases an activation held, and when; released rows are the history. */
@Entity({ name: 'activation_cases' })
@Index('activation_cases_held_uq', ['caseId'], { unique: true, where: `"released_at" IS NULL` })
export class ActivationCaseEntity {
  @PrimaryColumn({ name: 'activation_id', type: 'uuid' })
  activationId!: string;

  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'linked_at', type: 'timestamptz' })
  linkedAt!: Date;

  /** FANOUT or INTAKE. */
  @Column({ name: 'linked_via', type: 'varchar', length: 16 })
  linkedVia!: string;

  /** The fan-out generation whose policy the case's schedule was last computed with. */
  @Column({ name: 'policy_generation', type: 'integer' })
  policyGeneration!: number;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;
}

/** A finished chunk of a fan-out run: a chunk that finds its row here has already been done. */
@Entity({ name: 'activation_fanout_chunks' })
export class ActivationFanoutChunkEntity {
  @PrimaryColumn({ name: 'activation_id', type: 'uuid' })
  activationId!: string;

  @PrimaryColumn({ type: 'integer' })
  generation!: number;

  @PrimaryColumn({ type: 'integer' })
  chunk!: number;

  @Column({ name: 'done_at', type: 'timestamptz' })
  doneAt!: Date;

  @Column({ type: 'jsonb' })
  counts!: Record<string, number>;
}
