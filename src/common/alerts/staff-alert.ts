import type { EntityManager } from 'typeorm';

/** What staff alert channels (operations chat, gateways) can subscribe to (spec 3.6). */
export enum StaffAlertType {
  EscalationOpened = 'escalation.opened',
  EscalationClimbed = 'escalation.climbed',
}

/** Thin: case reference, codes, levels. Never a name, contact or narrative. */
export type StaffAlertData = Record<string, string | number | boolean | null>;

export interface StaffAlert {
  type: StaffAlertType;
  data: StaffAlertData;
  /** At most one alert per key (e.g. `escalation:<id>:<level>`), so a job that runs twice alerts once. */
  dedupeKey: string;
}

/**
 * The port modules use to alert staff outside the app: recorded in the caller's transaction
 * (outbox), delivered to every subscribed alert channel afterwards.
 */
export abstract class StaffAlertPublisher {
  abstract alert(tx: EntityManager, alert: StaffAlert): Promise<void>;

  /** Many alerts (batch jobs); implementations record them in one statement where they can. */
  async alertMany(tx: EntityManager, alerts: StaffAlert[]): Promise<void> {
    for (const alert of alerts) await this.alert(tx, alert);
  }
}
