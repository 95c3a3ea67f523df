import type { DemoHttp } from './http';
import type { DemoPerson } from './people';
import type { Timeline } from './timeline';
import type { WebhookReceiver } from './webhook-receiver';

export type StaffRole = 'admin' | 'coordinator' | 'caseworker' | 'auditor';

export interface StaffMember {
  id: string;
  email: string;
  password: string;
  /** Base32, as an authenticator app would hold it (printed for the demo accounts only). */
  totpSecret: string;
  roles: StaffRole[];
  token: string;
}

export type HostCountry = 'GE' | 'TR';

/** One person's part in the story, decided up front from their index so every run tells the same one. */
export interface DemoCase {
  person: DemoPerson;
  /** Referred by a partner agency, or taken in by a caseworker. */
  via: 'partner' | 'staff';
  /** Before or after the activation is declared. */
  wave: 1 | 2;
  reference: string | null;
  caseworker: StaffMember | null;
  /** Where they are moved to; null for those still being prepared when the story ends. */
  host: HostCountry | null;
  /** Stops checking in after reaching safety: the missed check-in escalates. */
  goesSilent: boolean;
  /** Checks in through a one-time link with the duress PIN. */
  underDuress: boolean;
  /** Checks in through a one-time link with the safety PIN. */
  usesLink: boolean;
  /** Their resettlement application is accepted. */
  accepted: boolean;
  arrived: boolean;
  /** When the demo last checked them in or moved their stage (either restarts the interval). */
  lastTouchMs: number;
  sharedWith: string | null;
  /** The partner referral's id and agency (partner referrals only). */
  referralId: string | null;
  referredBy: string | null;
  /** As triage set it. */
  priority: string | null;
}

export interface DemoAgency {
  key: 'shelter' | 'ngo' | 'liaison';
  name: string;
  type: 'SHELTER' | 'NGO' | 'GOVERNMENT';
  country: string;
  city: string;
  id: string;
  apiKey: string;
  receiver: WebhookReceiver;
  webhookRegistered: boolean;
}

export interface DemoContext {
  http: DemoHttp;
  timeline: Timeline;
  buildDir: string;
  /** Environment for the service's CLI (same database and keys as the service). */
  cliEnv: Record<string, string | undefined>;
  drillTimeCompression: number;
  /** The drill's check-in interval as the clock runs: the policy's 60 minutes, compressed. */
  checkinIntervalMs: number;
  concurrency: number;
  admin: StaffMember | null;
  coordinators: StaffMember[];
  caseworkers: StaffMember[];
  auditor: StaffMember | null;
  /** The host partners (Tbilisi, Istanbul): referrals, shares, check-ins. */
  agencies: DemoAgency[];
  /** A receiving state's liaison (GOVERNMENT): answers expedited protection requests. */
  liaison: DemoAgency | null;
  cases: DemoCase[];
  activationCode: string;
  activationDeclared: boolean;
  checkinsRecorded: number;
}

export const ACTIVATION_CODE = 'AZ-2017-09';

export function staffCredential(member: StaffMember): { kind: 'staff'; token: string } {
  return { kind: 'staff', token: member.token };
}

export function partnerCredential(agency: DemoAgency): { kind: 'partner'; apiKey: string } {
  return { kind: 'partner', apiKey: agency.apiKey };
}

export function caseworkerOf(demoCase: DemoCase): StaffMember {
  if (!demoCase.caseworker || !demoCase.reference) throw new Error(`case of person #${demoCase.person.index} has no caseworker yet`);
  return demoCase.caseworker;
}

/** Runs `work` over `items`, `limit` at a time, reporting progress. */
export async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, progress?: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
      done += 1;
      progress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Fails loudly instead of asserting: a missing member means an earlier step did not run. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing (an earlier step did not run)`);
  return value;
}

/** The coordinator who leads the response (first enrolled). */
export const lead = (ctx: DemoContext): StaffMember => present(ctx.coordinators[0], 'a coordinator');
export const adminOf = (ctx: DemoContext): StaffMember => present(ctx.admin, 'the admin');

export const today = (): string => new Date().toISOString().slice(0, 10);
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
