import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CheckinKeeper } from './checkin-keeper';
import { ACTIVATION_CODE, adminOf, lead, staffCredential, type DemoContext } from './context';
import { DemoHttp } from './http';
import { castPeople } from './cast';
import { generatePeople, type DemoPerson } from './people';
import {
  assertTestDatabase,
  clearDemoRedis,
  databaseName,
  DEMO_DATABASE,
  DEMO_REDIS_PREFIX,
  dropDemoDatabase,
  freePort,
  runCli,
  ServiceProcess,
  type DemoEnv,
} from './service';
import { allAgencies, DEMO_DOMAIN, STEPS, waitForFanout, waitForWebhooks } from './steps';
import { Timeline, type DemoOutput } from './timeline';

export interface DemoOptions {
  /** How many fictional people (default 200). */
  people?: number;
  /** Leave the service running at the end, for looking around (the caller stops it). */
  keepRunning?: boolean;
  /**
   * `…/corridor_demo` (the default): dropped, recreated and migrated. A test passes its own
   * migrated `corridor_test_*` database, which the demo uses as it is and never drops.
   */
  databaseUrl?: string;
  /** A compiled tree holding `src/main.js` and `src/cli/main.js` (default: this build's `dist/`). */
  buildDir?: string;
  /** Environment for the service (a test passes its own keys, Redis prefix and database). */
  env?: DemoEnv;
  /** Drill time factor (default 60: the drill's 60-minute check-in interval lasts a minute). */
  drillTimeCompression?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  out?: DemoOutput;
  seed?: number;
}

export interface DemoResult {
  baseUrl: string;
  people: DemoPerson[];
  references: string[];
  checkinsRecorded: number;
  /** What each agency's receiver got: event type, whether it verified, the body as delivered. */
  webhooks: Array<{ agency: string; type: string; verified: boolean; data: Record<string, unknown>; body: string }>;
  /** Agency ids by demo key (shelter, ngo, liaison). */
  agencyIds: Record<string, string>;
  /** Everything the service logged while the demo ran. */
  serviceLogs(): string;
  /** Stops the service (already stopped unless `keepRunning`). */
  stop(): Promise<void>;
}

const DEFAULT_DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DEMO_DATABASE}`;

function serviceEnv(options: DemoOptions, databaseUrl: string, port: number, compression: number): DemoEnv {
  const base: DemoEnv = options.env ?? {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: DEMO_REDIS_PREFIX,
    // Fresh keys per run: the demo database is recreated every time, and nothing here is real.
    CORRIDOR_MASTER_KEY: randomBytes(32).toString('base64'),
    CORRIDOR_MASTER_KEY_ID: 'demo',
    CORRIDOR_INDEX_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
  };
  return {
    ...base,
    DATABASE_URL: databaseUrl,
    CORRIDOR_ROLES: 'api,worker,scheduler',
    CORRIDOR_AUTO_MIGRATE: 'false',
    HOST: '127.0.0.1',
    PORT: String(port),
    DRILL_TIME_COMPRESSION: String(compression),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    LOG_LEVEL: base.LOG_LEVEL === 'warn' || !base.LOG_LEVEL ? 'info' : base.LOG_LEVEL,
  };
}

/**
 * The demo scenario of issue 10: a fictional rapid response modelled on the September 2017 purge
 * in Baku, told through the public APIs of a real service process. Every step must succeed: an
 * unexpected answer stops the demo with the request, the status and the problem's detail.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out: DemoOutput = options.out ?? process.stdout;
  const timeline = new Timeline(out);
  const compression = options.drillTimeCompression ?? 60;
  const buildDir = options.buildDir ?? join(__dirname, '..', '..');
  const databaseUrl = options.databaseUrl ?? DEFAULT_DATABASE_URL;
  const ownDatabase = databaseName(databaseUrl) === DEMO_DATABASE;
  if (!ownDatabase) assertTestDatabase(databaseUrl);

  const port = await freePort();
  const env = serviceEnv(options, databaseUrl, port, compression);
  const cliEnv: DemoEnv = { ...env, DRILL_TIME_COMPRESSION: undefined, LOG_LEVEL: 'warn' };
  if (ownDatabase) {
    timeline.say(`recreating the demo database ${DEMO_DATABASE} (and clearing its Redis keys, ${DEMO_REDIS_PREFIX}:*)`);
    await dropDemoDatabase(databaseUrl);
    if (env.REDIS_PREFIX === DEMO_REDIS_PREFIX) await clearDemoRedis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    await runCli(buildDir, cliEnv, ['migrate']);
  }
  const service = new ServiceProcess(buildDir, env, `http://127.0.0.1:${port}`);
  await service.start();
  timeline.say(`service up at ${service.base} (api, worker and scheduler in one process; drill time ${compression}×)`);

  const people = generatePeople(options.people ?? 200, options.seed);
  const ctx: DemoContext = {
    http: new DemoHttp(service.base),
    timeline,
    buildDir,
    cliEnv,
    drillTimeCompression: compression,
    checkinIntervalMs: (60 * 60_000) / compression,
    concurrency: options.concurrency ?? 4,
    admin: null,
    coordinators: [],
    caseworkers: [],
    auditor: null,
    agencies: [],
    liaison: null,
    cases: castPeople(people),
    activationCode: ACTIVATION_CODE,
    activationDeclared: false,
    checkinsRecorded: 0,
  };
  const keeper = new CheckinKeeper(ctx);
  const result: DemoResult = {
    baseUrl: service.base,
    people,
    references: [],
    checkinsRecorded: 0,
    webhooks: [],
    agencyIds: {},
    serviceLogs: () => service.logs(),
    stop: () => service.stop(),
  };
  try {
    for (const [index, step] of STEPS.entries()) {
      timeline.heading(`${index + 1}/${STEPS.length} ${step.title}`);
      if (step.startsCheckins) keeper.start();
      await step.run(ctx);
      keeper.assertHealthy();
    }
    await keeper.stop();
    await finale(ctx, service.base, options.keepRunning ?? false);
    result.references = ctx.cases.map((c) => c.reference).filter((r): r is string => r !== null);
    result.checkinsRecorded = ctx.checkinsRecorded;
    result.webhooks = allAgencies(ctx).flatMap((a) => a.receiver.events.map((e) => ({ agency: a.key, ...e })));
    result.agencyIds = Object.fromEntries(allAgencies(ctx).map((a) => [a.key, a.id]));
    if (!options.keepRunning) await service.stop();
    return result;
  } catch (error) {
    await keeper.stop().catch(() => undefined);
    timeline.done();
    await service.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}\n--- last lines of the service log ---\n${service.tail()}`, { cause: error });
  } finally {
    await Promise.all(allAgencies(ctx).map((a) => a.receiver.stop()));
  }
}

interface Dashboard {
  status: string;
  generatedAt: string;
  byStageAndPriority: Array<{ stage: string; priority: string; count: number }>;
  overdueCheckins: number;
  openEscalations: Array<{ level: number; trigger: string; count: number }>;
  triageSlaBreaches: number;
  caseload: Array<{ userId: string; caseloadCap: number; openCases: number; activationCases: number }>;
  heldCases: number;
  unassignedHeldCases: number;
}

const STAGE_ORDER = [
  'INTAKE',
  'VERIFICATION',
  'TRIAGED',
  'RELOCATION_PLANNED',
  'IN_TRANSIT',
  'IN_SAFE_COUNTRY',
  'RESETTLEMENT_IN_PROGRESS',
  'DEPARTED',
  'RESETTLED',
  'CLOSED',
];

/** The activation dashboard as a coordinator would read it: stages × priorities, then what needs doing. */
function describeDashboard(ctx: DemoContext, dashboard: Dashboard): string[] {
  const priorities = ['EMERGENCY', 'URGENT', 'NORMAL'];
  const cell = (stage: string, priority: string) => dashboard.byStageAndPriority.find((r) => r.stage === stage && r.priority === priority)?.count ?? 0;
  const stages = STAGE_ORDER.filter((stage) => dashboard.byStageAndPriority.some((r) => r.stage === stage));
  const lines = [`${'stage'.padEnd(26)}${priorities.map((p) => p.padStart(11)).join('')}`];
  for (const stage of stages) lines.push(`${stage.padEnd(26)}${priorities.map((p) => String(cell(stage, p)).padStart(11)).join('')}`);
  lines.push(
    `held cases ${dashboard.heldCases} (unassigned ${dashboard.unassignedHeldCases}), overdue check-ins ${dashboard.overdueCheckins}, triage SLA breaches ${dashboard.triageSlaBreaches}`,
  );
  const escalations = dashboard.openEscalations.map((e) => `${e.count} ${e.trigger} at level ${e.level}`).join(', ');
  lines.push(`open escalations: ${escalations || 'none'}`);
  const emails = new Map([...ctx.caseworkers, ...ctx.coordinators].map((m) => [m.id, m.email]));
  for (const member of dashboard.caseload)
    lines.push(
      `caseload ${(emails.get(member.userId) ?? member.userId).padEnd(36)} ${member.activationCases} in the activation, ${member.openCases} open of a cap of ${member.caseloadCap}`,
    );
  return lines;
}

async function finale(ctx: DemoContext, base: string, keepRunning: boolean): Promise<void> {
  const { timeline } = ctx;
  timeline.heading('Where things stand');
  const dashboard = await ctx.http.call<Dashboard>(staffCredential(lead(ctx)), 'GET', `/api/v1/activations/${ctx.activationCode}/dashboard`);
  timeline.say(`activation ${ctx.activationCode} dashboard (${dashboard.status}, figures of ${dashboard.generatedAt}):`);
  for (const line of describeDashboard(ctx, dashboard)) timeline.detail(line);
  timeline.say(`check-ins recorded by the demo: ${ctx.checkinsRecorded}`);
  if (!keepRunning) {
    // The drill ends: the cases go back to the standard policy and the partners are told.
    await ctx.http.call(staffCredential(lead(ctx)), 'POST', `/api/v1/activations/${ctx.activationCode}/stand-down`);
    const fanout = await waitForFanout(ctx, 'stand-down');
    timeline.say(`activation ${ctx.activationCode} stood down: ${fanout.released} cases released to the standard policy`);
    await waitForWebhooks(ctx, 'activation.stood_down', ctx.agencies);
  }
  for (const agency of allAgencies(ctx).filter((a) => a.webhookRegistered)) {
    const unverified = agency.receiver.events.filter((e) => !e.verified).length;
    const deliveries = agency.receiver.events.length;
    const counts = Object.entries(agency.receiver.countsByType())
      .map(([type, n]) => `${type} ×${n}`)
      .join(', ');
    timeline.say(
      `${agency.city} receiver: ${deliveries} ${deliveries === 1 ? 'delivery' : 'deliveries'}${unverified ? ` (${unverified} failed verification)` : ', every signature valid'}: ${counts || 'none'}`,
    );
  }
  if (ctx.auditor) {
    const verification = await ctx.http.call<{ status: string; sealedCount: number }>(staffCredential(ctx.auditor), 'GET', '/api/v1/audit/verification');
    timeline.say(`audit chain (checked by ${ctx.auditor.email}): ${verification.status}, ${verification.sealedCount} events sealed`);
  }

  const coordinator = lead(ctx);
  const admin = adminOf(ctx);
  timeline.raw(
    [
      '',
      '================================ LOOK AROUND ================================',
      `Console:       ${base}/   (the staff console: sign in with email, password and a code)`,
      `Service:       ${base}   (API docs: ${base}/docs)`,
      `Sign in:       POST ${base}/api/v1/auth/login  {"email","password","code"}`,
      `Coordinator:   ${coordinator.email}`,
      `  password:    ${coordinator.password}`,
      `  TOTP secret: ${coordinator.totpSecret}   (add to an authenticator app, or compute the code)`,
      `Admin:         ${admin.email}   password ${admin.password}   TOTP secret ${admin.totpSecret}`,
      'The drill clock keeps running: with the demo no longer checking people in, their check-ins',
      'fall due within minutes and escalate, as they would if everyone went silent.',
      `Every account uses @${DEMO_DOMAIN}. Secrets are printed because this is the demo only:`,
      'every person, name and story in it is fictional and generated.',
      '=============================================================================',
      '',
    ].join('\n'),
  );
}
