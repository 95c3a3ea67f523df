import type { ActivationOverrides } from '@modules/cases/activation-policy.port';
import type { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import type { ActivationEntity, ActivationRosterEntity } from './activation.entity';
import type { DashboardFigures } from './activations.repository';
import type { OverridesDto } from './dto/activations.dto';

export interface FanoutProgressView {
  kind: string | null;
  generation: number;
  state: 'IDLE' | 'RUNNING' | 'FINISHED';
  chunksTotal: number;
  chunksDone: number;
  /** Cases the run set out to cover (known once it is planned). */
  targeted: number;
  linked: number;
  rescheduled: number;
  assigned: number;
  unplaced: number;
  failed: number;
  released: number;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface OverridesView {
  checkinIntervalFactor: number | null;
  checkinIntervals: Array<{ stage: string; intervalMinutes: number }>;
  triageSla: Array<{ priority: string; hours: number }>;
  acknowledgeWindows: { caseworker: number | null; coordinator: number | null };
}

export interface ActivationView {
  /** For the `activationId` filters of the case and escalation lists; the API addresses activations by code. */
  id: string;
  code: string;
  title: string;
  description: string;
  status: string;
  originCountries: string[];
  transitCountries: string[];
  agencyIds: string[];
  coordinatorIds: string[];
  roster: Array<{ userId: string; caseloadCap: number }>;
  overrides: OverridesView;
  startedAt: string;
  startedBy: string;
  stoodDownAt: string | null;
  stoodDownBy: string | null;
  fanout: FanoutProgressView;
}

export interface ActivationDashboard extends DashboardFigures {
  code: string;
  status: string;
  generatedAt: string;
  fanout: FanoutProgressView;
}

export function toOverrides(dto: OverridesDto | undefined): ActivationOverrides {
  const overrides: ActivationOverrides = {};
  if (!dto) return overrides;
  if (dto.checkinIntervalFactor !== undefined) overrides.checkinIntervalFactor = dto.checkinIntervalFactor;
  if (dto.checkinIntervals?.length)
    overrides.checkinIntervalMinutes = Object.fromEntries(dto.checkinIntervals.map((rule) => [rule.stage, rule.intervalMinutes]));
  if (dto.triageSla?.length) overrides.triageSlaHours = Object.fromEntries(dto.triageSla.map((rule) => [rule.priority, rule.hours]));
  if (dto.acknowledgeWindows && (dto.acknowledgeWindows.caseworker !== undefined || dto.acknowledgeWindows.coordinator !== undefined)) {
    overrides.acknowledgeWindowMinutes = { ...dto.acknowledgeWindows };
  }
  return overrides;
}

export function toOverridesView(overrides: ActivationOverrides): OverridesView {
  return {
    checkinIntervalFactor: overrides.checkinIntervalFactor ?? null,
    checkinIntervals: Object.entries(overrides.checkinIntervalMinutes ?? {}).map(([stage, intervalMinutes]) => ({
      stage: stage as CaseStage,
      intervalMinutes: Number(intervalMinutes),
    })),
    triageSla: Object.entries(overrides.triageSlaHours ?? {}).map(([priority, hours]) => ({ priority: priority as CasePriority, hours: Number(hours) })),
    acknowledgeWindows: {
      caseworker: overrides.acknowledgeWindowMinutes?.caseworker ?? null,
      coordinator: overrides.acknowledgeWindowMinutes?.coordinator ?? null,
    },
  };
}

export function toProgress(row: ActivationEntity): FanoutProgressView {
  return {
    kind: row.fanoutKind,
    generation: row.fanoutGeneration,
    state: row.fanoutGeneration === 0 ? 'IDLE' : row.fanoutFinishedAt ? 'FINISHED' : 'RUNNING',
    chunksTotal: row.fanoutChunksTotal,
    chunksDone: row.fanoutChunksDone,
    targeted: row.fanoutTargeted,
    linked: row.fanoutLinked,
    rescheduled: row.fanoutRescheduled,
    assigned: row.fanoutAssigned,
    unplaced: row.fanoutUnplaced,
    failed: row.fanoutFailed,
    released: row.fanoutReleased,
    startedAt: row.fanoutStartedAt?.toISOString() ?? null,
    finishedAt: row.fanoutFinishedAt?.toISOString() ?? null,
  };
}

export function toView(row: ActivationEntity, roster: ActivationRosterEntity[]): ActivationView {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    description: row.description,
    status: row.status,
    originCountries: row.originCountries,
    transitCountries: row.transitCountries,
    agencyIds: row.agencyIds,
    coordinatorIds: row.coordinatorIds,
    roster: roster.map((member) => ({ userId: member.userId, caseloadCap: member.caseloadCap })),
    overrides: toOverridesView(row.overrides),
    startedAt: row.startedAt.toISOString(),
    startedBy: row.startedBy,
    stoodDownAt: row.stoodDownAt?.toISOString() ?? null,
    stoodDownBy: row.stoodDownBy,
    fanout: toProgress(row),
  };
}
