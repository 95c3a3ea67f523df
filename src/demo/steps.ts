import { addDays } from './dates';
import {
  ACTIVATION_CODE,
  adminOf,
  lead,
  present,
  caseworkerOf,
  inPool,
  partnerCredential,
  sleep,
  staffCredential,
  today,
  type DemoAgency,
  type DemoCase,
  type DemoContext,
  type StaffMember,
} from './context';
import { newIdempotencyKey, NotAvailable } from './http';
import { shortName } from './people';
import { bootstrapAdmin, inviteAndEnrol } from './staff';
import { WebhookReceiver } from './webhook-receiver';

export interface DemoStep {
  title: string;
  /** Routes another branch adds: a 404 skips the step instead of failing the demo. */
  dependsOnUnmerged?: boolean;
  run(ctx: DemoContext): Promise<void>;
}

export const DEMO_DOMAIN = 'corridor-demo.example';
const SAFETY_PIN = '482913';
const DURESS_PIN = '906175';
const STAGES_WITH_SCHEDULES = ['INTAKE', 'VERIFICATION', 'TRIAGED', 'RELOCATION_PLANNED', 'IN_TRANSIT', 'IN_SAFE_COUNTRY', 'RESETTLEMENT_IN_PROGRESS', 'DEPARTED', 'RESETTLED'];
const DESTINATIONS = ['CA', 'DE', 'NL', 'SE', 'FR', 'NO', 'IE'];

const staff = (ctx: DemoContext, who: StaffMember, method: string, path: string, body?: unknown) => ctx.http.call<Record<string, unknown>>(staffCredential(who), method, path, body);
const caseUrl = (demoCase: DemoCase, rest = '') => `/api/v1/cases/${demoCase.reference}${rest}`;
const coordinatorFor = (ctx: DemoContext, index: number): StaffMember => present(ctx.coordinators[index % ctx.coordinators.length], 'a coordinator');

async function move(ctx: DemoContext, demoCase: DemoCase, to: string): Promise<void> {
  await staff(ctx, caseworkerOf(demoCase), 'POST', caseUrl(demoCase, '/transitions'), { to });
  demoCase.lastTouchMs = Date.now();
}

function progress(ctx: DemoContext, label: string, total: number): (done: number) => void {
  return (done) => ctx.timeline.progress(label, done, total);
}

function intakeBody(demoCase: DemoCase) {
  const p = demoCase.person;
  return {
    person: { givenName: p.givenName, familyName: p.familyName, patronymic: p.patronymic, dateOfBirth: p.dateOfBirth, gender: p.gender },
    contact: { channels: [{ type: 'SIGNAL', value: p.phone }], safeContactInstructions: 'Text first; never call' },
    location: { city: p.city, safeHouse: p.hideout },
    originCountry: 'AZ',
    currentCountry: 'AZ',
    narrative: p.narrative,
    sogiesc: { sexualOrientation: p.orientation, genderIdentity: p.gender },
    documents: p.passportNumber ? [{ type: 'PASSPORT', number: p.passportNumber, issuingCountry: 'AZ' }] : [],
    dependants: [],
    consent: { services: true, sharing: true, resettlement: true, method: 'PHONE', obtainedAt: new Date(Date.now() - 3_600_000).toISOString() },
  };
}

/** The demo's people that a partner referred, the ones a caseworker took in. */
async function takeIn(ctx: DemoContext, wave: 1 | 2): Promise<void> {
  const mine = ctx.cases.filter((c) => c.wave === wave);
  const staffIntakes = mine.filter((c) => c.via === 'staff');
  const referrals = mine.filter((c) => c.via === 'partner');
  if (referrals.length > 0) {
    const referred = await refer(ctx, referrals);
    // Without the partner API yet, the same people reach a caseworker directly.
    if (!referred) for (const c of referrals) c.via = 'staff';
  }
  const intakes = mine.filter((c) => c.via === 'staff');
  await inPool(
    intakes,
    ctx.concurrency,
    async (c) => {
      c.caseworker = present(ctx.caseworkers[c.person.index % ctx.caseworkers.length], 'a caseworker');
      const result = await staff(ctx, c.caseworker, 'POST', '/api/v1/cases', intakeBody(c));
      c.reference = String(result.reference);
      c.lastTouchMs = Date.now();
    },
    progress(ctx, 'staff intakes', intakes.length),
  );
  ctx.timeline.say(`wave ${wave}: ${intakes.length} intakes by caseworkers${staffIntakes.length !== intakes.length ? ` (${intakes.length - staffIntakes.length} of them first tried as partner referrals)` : ''}`);
}

/** Partner referrals (POST /partner/v1/referrals with an Idempotency-Key). False when the route is not there yet. */
async function refer(ctx: DemoContext, referrals: DemoCase[]): Promise<boolean> {
  try {
    let count = 0;
    await inPool(
      referrals,
      ctx.concurrency,
      async (c) => {
        const agency = present(ctx.agencies[c.person.index % ctx.agencies.length], 'a partner agency');
        const body = {
          ...intakeBody(c),
          riskFactors: c.person.riskFactors,
          consent: { services: true, sharing: true, resettlement: true, method: 'PARTNER_ATTESTED', obtainedAt: new Date(Date.now() - 7_200_000).toISOString() },
          ...(ctx.activationDeclared ? { activationCode: ctx.activationCode } : {}),
        };
        const result = await ctx.http.optional<Record<string, unknown>>(partnerCredential(agency), 'POST', '/partner/v1/referrals', { body, idempotencyKey: newIdempotencyKey() });
        const reference = result.caseReference ?? result.reference;
        if (typeof reference === 'string') c.reference = reference;
        c.lastTouchMs = Date.now();
        count += 1;
      },
      progress(ctx, 'partner referrals', referrals.length),
    );
    ctx.timeline.say(`${count} referrals from the Tbilisi shelter network and the Istanbul NGO (each with an Idempotency-Key)`);
    await placeReferrals(ctx, referrals);
    return true;
  } catch (error) {
    if (!(error instanceof NotAvailable)) throw error;
    ctx.timeline.say('partner referrals: skipped (not available) — the same people are taken in by caseworkers');
    if (!ctx.skipped.includes('partner referrals')) ctx.skipped.push('partner referrals');
    return false;
  }
}

interface CasePage {
  items: Array<{ reference: string }>;
  nextCursor: string | null;
}

interface CaseDetail {
  assignedCaseworkerIds: string[];
}

/** Referred cases reach a caseworker: the activation's roster if it assigned them, else a coordinator does. */
async function placeReferrals(ctx: DemoContext, referrals: DemoCase[]): Promise<void> {
  const coordinator = lead(ctx);
  const known = new Set(ctx.cases.map((c) => c.reference).filter((r): r is string => r !== null));
  const unknownRefs: string[] = [];
  let cursor: string | null = null;
  do {
    const page: CasePage = (await ctx.http.call<CasePage>(staffCredential(coordinator), 'GET', `/api/v1/cases?stage=INTAKE&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    for (const item of page.items) if (!known.has(item.reference)) unknownRefs.push(item.reference);
    cursor = page.nextCursor;
  } while (cursor);
  // The partner learns no reference it did not need; the coordinator matches them by listing.
  for (const c of referrals) if (!c.reference) c.reference = unknownRefs.shift() ?? null;
  let assignedByRoster = 0;
  await inPool(referrals.filter((c) => c.reference), ctx.concurrency, async (c) => {
    const detail = (await ctx.http.call<CaseDetail>(staffCredential(coordinator), 'GET', caseUrl(c)));
    const rosterPick = ctx.caseworkers.find((w) => detail.assignedCaseworkerIds.includes(w.id));
    if (rosterPick) {
      c.caseworker = rosterPick;
      assignedByRoster += 1;
      return;
    }
    c.caseworker = present(ctx.caseworkers[c.person.index % ctx.caseworkers.length], 'a caseworker');
    await staff(ctx, coordinator, 'PUT', caseUrl(c, '/assignment'), { caseworkerIds: [c.caseworker.id] });
  });
  ctx.timeline.detail(`${assignedByRoster} referred cases were placed by the activation roster, ${referrals.length - assignedByRoster} assigned by a coordinator`);
}

export const STEPS: DemoStep[] = [
  {
    title: 'The first admin enrols (CLI admin:create, password, TOTP)',
    async run(ctx) {
      ctx.admin = await bootstrapAdmin(ctx, `admin@${DEMO_DOMAIN}`);
      ctx.timeline.say(`admin ${ctx.admin.email} enrolled with a one-time token and an authenticator secret`);
    },
  },
  {
    title: 'The roster: coordinators, caseworkers and an auditor are invited and enrol',
    async run(ctx) {
      const admin = adminOf(ctx);
      const caseworkerCount = Math.max(3, Math.min(8, Math.ceil(ctx.cases.length / 25)));
      const invitations: Array<[string, 'coordinator' | 'caseworker' | 'auditor']> = [
        ['coordinator.aysel', 'coordinator'],
        ['coordinator.dmitry', 'coordinator'],
        ...Array.from({ length: caseworkerCount }, (_, i): [string, 'caseworker'] => [`caseworker${i + 1}`, 'caseworker']),
        ['auditor', 'auditor'],
      ];
      let done = 0;
      for (const [local, role] of invitations) {
        const member = await inviteAndEnrol(ctx, admin, `${local}@${DEMO_DOMAIN}`, [role]);
        if (role === 'coordinator') ctx.coordinators.push(member);
        else if (role === 'caseworker') ctx.caseworkers.push(member);
        else ctx.auditor = member;
        ctx.timeline.progress('enrolments', ++done, invitations.length);
      }
      ctx.timeline.say(`${ctx.coordinators.length} coordinators, ${ctx.caseworkers.length} caseworkers and an auditor enrolled (invitation → password → TOTP → sign-in)`);
    },
  },
  {
    title: 'Drill check-in policy',
    async run(ctx) {
      const rules = STAGES_WITH_SCHEDULES.flatMap((stage) => ['EMERGENCY', 'URGENT', 'NORMAL'].map((priority) => ({ stage, priority, intervalMinutes: 60 })));
      await staff(ctx, adminOf(ctx), 'PUT', '/api/v1/admin/checkin-policy', { rules });
      ctx.timeline.say(`check-in policy set to the 60-minute floor for the drill; at ${ctx.drillTimeCompression}× drill time a check-in is due every ${Math.round(ctx.checkinIntervalMs / 1000)} s`);
    },
  },
  {
    title: 'Partner agencies and their API keys',
    async run(ctx) {
      const specs: Array<Pick<DemoAgency, 'key' | 'name' | 'type' | 'country' | 'city'>> = [
        { key: 'shelter', name: 'Kartli Safe Homes (fictional shelter network)', type: 'SHELTER', country: 'GE', city: 'Tbilisi' },
        { key: 'ngo', name: 'Bosphorus Solidarity (fictional NGO)', type: 'NGO', country: 'TR', city: 'Istanbul' },
      ];
      for (const spec of specs) {
        const agency = await staff(ctx, adminOf(ctx), 'POST', '/api/v1/admin/agencies', { name: spec.name, type: spec.type, countries: [spec.country] });
        const key = await staff(ctx, adminOf(ctx), 'POST', `/api/v1/admin/agencies/${String(agency.id)}/api-keys`, {
          label: 'demo integration',
          scopes: ['referrals:write', 'cases:read', 'checkins:write', 'services:write', 'webhooks:manage'],
        });
        const apiKey = key.key ?? key.apiKey ?? key.secret;
        if (typeof apiKey !== 'string') throw new Error('the API key was not shown at creation');
        ctx.agencies.push({ ...spec, id: String(agency.id), apiKey, receiver: new WebhookReceiver(spec.key), webhookRegistered: false });
        ctx.timeline.say(`${spec.name}, ${spec.city} (${spec.type}, ${spec.country}): agency and API key created`);
      }
    },
  },
  {
    title: 'Webhook receivers on loopback',
    dependsOnUnmerged: true,
    async run(ctx) {
      try {
        await ctx.http.optional(staffCredential(adminOf(ctx)), 'POST', '/api/v1/admin/egress-allowlist', { body: { host: '127.0.0.1' } });
        ctx.timeline.say('egress allowlist: loopback allowed for the demo receivers (plain http)');
      } catch (error) {
        if (!(error instanceof NotAvailable)) throw error;
        ctx.timeline.say('egress allowlist: skipped (not available)');
      }
      for (const agency of ctx.agencies) {
        const url = await agency.receiver.start();
        const registered = await ctx.http.optional<Record<string, unknown>>(partnerCredential(agency), 'POST', '/partner/v1/webhooks', {
          body: { url, description: `${agency.city} demo receiver (loopback)`, eventTypes: ['referral.status_changed', 'case.shared', 'case.share_revoked', 'checkin.requested', 'escalation.raised', 'activation.started', 'activation.stood_down'] },
        });
        if (typeof registered.secret !== 'string' || !registered.secret.startsWith('whsec_')) throw new Error('the webhook secret (whsec_…) was not shown at registration');
        agency.receiver.useSecret(registered.secret);
        agency.webhookRegistered = true;
        ctx.timeline.say(`${agency.city}: webhook receiver listening on ${url}, signatures checked (Standard Webhooks)`);
      }
    },
  },
  {
    title: 'Wave 1: the first people reach out',
    async run(ctx) {
      ctx.timeline.say('September 2017: raids in Baku; detainees are pressed for names and their phones searched');
      await takeIn(ctx, 1);
    },
  },
  {
    title: `Activation ${ACTIVATION_CODE}`,
    dependsOnUnmerged: true,
    async run(ctx) {
      const body = {
        code: ctx.activationCode,
        title: 'Baku, September 2017 (fictional drill)',
        description: 'Rapid response to a purge of LGBT people in Azerbaijan; routes through Georgia and Turkey.',
        originCountries: ['AZ'],
        transitCountries: ['GE', 'TR'],
        agencyIds: ctx.agencies.map((a) => a.id),
        roster: ctx.caseworkers.map((w) => ({ userId: w.id, caseloadCap: Math.ceil((ctx.cases.length / ctx.caseworkers.length) * 1.5) })),
        coordinatorIds: ctx.coordinators.map((c) => c.id),
        // A purge cannot wait the standard day for triage of its emergencies.
        overrides: { triageSla: [{ priority: 'EMERGENCY', hours: 12 }] },
      };
      await ctx.http.optional(staffCredential(lead(ctx)), 'POST', '/api/v1/activations', { body });
      ctx.activationDeclared = true;
      ctx.timeline.say(`${lead(ctx).email} declares activation ${ctx.activationCode}: open AZ cases linked, roster of ${ctx.caseworkers.length}, partners notified`);
    },
  },
  {
    title: 'Wave 2: the surge',
    async run(ctx) {
      await takeIn(ctx, 2);
      ctx.timeline.say(`${ctx.cases.filter((c) => c.reference).length} open cases`);
    },
  },
  {
    title: 'Verification and triage',
    async run(ctx) {
      const counts: Record<string, number> = {};
      const open = ctx.cases.filter((c) => c.reference);
      await inPool(
        open,
        ctx.concurrency,
        async (c) => {
          await move(ctx, c, 'VERIFICATION');
          await staff(ctx, caseworkerOf(c), 'PUT', caseUrl(c, '/verification'), { outcome: c.via === 'partner' ? 'VERIFIED_BY_PARTNER' : 'VERIFIED_BY_STAFF' });
          const triage = await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, '/triage'), { factors: c.person.riskFactors });
          const priority = typeof triage.priority === 'string' ? triage.priority : 'unknown';
          counts[priority] = (counts[priority] ?? 0) + 1;
          await move(ctx, c, 'TRIAGED');
        },
        progress(ctx, 'triage', open.length),
      );
      ctx.timeline.say(`triaged ${open.length}: ${Object.entries(counts).map(([p, n]) => `${n} ${p}`).join(', ')}`);
    },
  },
  {
    title: 'Relocation plans, approved four-eyes',
    async run(ctx) {
      const moving = ctx.cases.filter((c) => c.reference && c.host);
      await inPool(
        moving,
        ctx.concurrency,
        async (c) => {
          const plan = await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, '/relocation-plans'), {
            originCountry: 'AZ',
            transitCountry: c.host,
            destinationCountry: DESTINATIONS[c.person.index % DESTINATIONS.length],
            plannedDepartureDate: today(),
            estimatedCostMinor: c.host === 'GE' ? 18_000 : 42_000,
            currency: 'EUR',
          });
          // Requested by the caseworker, approved by a coordinator: never the same person.
          await staff(ctx, coordinatorFor(ctx, c.person.index), 'POST', caseUrl(c, `/relocation-plans/${String(plan.id)}/approval`), { decision: 'APPROVE' });
          await move(ctx, c, 'RELOCATION_PLANNED');
        },
        progress(ctx, 'plans', moving.length),
      );
      const ge = moving.filter((c) => c.host === 'GE').length;
      ctx.timeline.say(`${moving.length} relocation plans requested by caseworkers and approved by a second person: ${ge} via Georgia, ${moving.length - ge} via Turkey`);
    },
  },
  {
    title: 'Departures',
    async run(ctx) {
      const moving = ctx.cases.filter((c) => c.reference && c.host);
      await inPool(
        moving,
        ctx.concurrency,
        async (c) => {
          const leg = await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, '/legs'), { fromCountry: 'AZ', toCountry: c.host, mode: c.host === 'GE' ? 'LAND' : 'AIR', plannedDepartureDate: today() });
          await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, `/legs/${String(leg.id)}/departure`), {});
          await move(ctx, c, 'IN_TRANSIT');
          legs.set(c, String(leg.id));
        },
        progress(ctx, 'departures', moving.length),
      );
      ctx.timeline.say(`${moving.length} people on the move: buses to the Red Bridge crossing, flights to Istanbul`);
    },
  },
  {
    title: 'Arrivals and stays',
    async run(ctx) {
      const moving = ctx.cases.filter((c) => c.reference && c.host);
      await inPool(
        moving,
        ctx.concurrency,
        async (c) => {
          await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, `/legs/${legs.get(c)}/arrival`), {});
          await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, '/stays'), {
            hostCountry: c.host,
            entryDate: today(),
            accommodationType: 'PARTNER_SHELTER',
            accommodationLocation: `${c.host === 'GE' ? 'Tbilisi' : 'Istanbul'} shelter, room ${100 + (c.person.index % 40)} (#${c.person.index})`,
          });
          await move(ctx, c, 'IN_SAFE_COUNTRY');
          c.arrived = true;
        },
        progress(ctx, 'arrivals', moving.length),
      );
      ctx.timeline.say(`${moving.length} arrived in safe countries; stay clocks started (stay limits run in real days, never compressed)`);
      const silent = moving.filter((c) => c.goesSilent);
      if (silent.length > 0) ctx.timeline.detail(`${silent.length} of them will stop answering from here on: ${silent.slice(0, 5).map((c) => `${shortName(c.person)} (${c.reference})`).join(', ')}${silent.length > 5 ? ', …' : ''}`);
    },
  },
  {
    title: 'Need-to-know shares with the host partners',
    dependsOnUnmerged: true,
    async run(ctx) {
      const arrived = ctx.cases.filter((c) => c.arrived);
      let shared = 0;
      await inPool(arrived, ctx.concurrency, async (c) => {
        const agency = present(ctx.agencies.find((a) => a.country === c.host), 'the host partner');
        await ctx.http.optional(staffCredential(caseworkerOf(c)), 'POST', caseUrl(c, '/shares'), {
          body: { agencyId: agency.id, fields: ['reference', 'firstName', 'city', 'stage', 'nextCheckinDue'], purpose: 'Shelter placement and check-ins', expiresAt: addDays(new Date(), 30).toISOString() },
        });
        c.sharedWith = agency.id;
        shared += 1;
      });
      ctx.timeline.say(`${shared} cases shared with the host partner: first name, city, stage and next check-in only, expiring in 30 days`);
    },
  },
  {
    title: 'Partners check in and report services',
    dependsOnUnmerged: true,
    async run(ctx) {
      const shared = ctx.cases.filter((c) => c.sharedWith && !c.goesSilent);
      if (shared.length === 0) {
        ctx.timeline.say('partner check-ins: skipped (no shares)');
        ctx.skipped.push('partner check-ins and service updates');
        return;
      }
      const list = await ctx.http.optional<Record<string, unknown>>(partnerCredential(present(ctx.agencies[0], 'a partner agency')), 'GET', '/partner/v1/cases');
      const visible = Array.isArray(list.items) ? list.items.length : 0;
      await inPool(shared, ctx.concurrency, async (c) => {
        const agency = present(ctx.agencies.find((a) => a.id === c.sharedWith), 'the host partner');
        await ctx.http.optional(partnerCredential(agency), 'POST', `/partner/v1/cases/${c.reference}/check-ins`, { body: { channel: 'VISIT' }, idempotencyKey: newIdempotencyKey() });
        c.lastTouchMs = Date.now();
        ctx.checkinsRecorded += 1;
        await ctx.http.optional(partnerCredential(agency), 'POST', `/partner/v1/cases/${c.reference}/service-updates`, {
          body: { type: 'SHELTER_PROVIDED', note: 'Bed and meals arranged' },
          idempotencyKey: newIdempotencyKey(),
        });
      });
      ctx.timeline.say(`partners see ${visible} shared case(s) on their side; ${shared.length} check-ins and "shelter provided" updates through the partner API`);
    },
  },
  {
    title: 'One-time check-in links, and a check-in under duress',
    async run(ctx) {
      const linkUsers = ctx.cases.filter((c) => c.arrived && (c.usesLink || c.underDuress));
      for (const c of linkUsers) {
        await staff(ctx, caseworkerOf(c), 'PUT', caseUrl(c, '/checkin-pins'), { safetyPin: SAFETY_PIN, duressPin: DURESS_PIN });
        const link = await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, '/checkin-links'), {});
        const status = await ctx.http.submitCheckinPage(String(link.path), c.underDuress ? DURESS_PIN : SAFETY_PIN);
        if (status !== 200) throw new Error(`the check-in page answered ${status}`);
        c.lastTouchMs = Date.now();
        ctx.checkinsRecorded += 1;
        ctx.timeline.say(
          c.underDuress
            ? `${shortName(c.person)} (${c.reference}) checks in from Istanbul through a one-time link — with the duress PIN; the page looks exactly like any other`
            : `${shortName(c.person)} (${c.reference}) checks in through a one-time link with the safety PIN`,
        );
      }
    },
  },
  {
    title: 'Missed check-ins climb the escalation ladder',
    async run(ctx) {
      await watchEscalations(ctx);
    },
  },
  {
    title: 'A resettlement application is accepted',
    async run(ctx) {
      const c = ctx.cases.find((x) => x.accepted && x.arrived);
      if (!c) {
        ctx.timeline.say('no one reached resettlement in this run (too few people)');
        return;
      }
      const applications = `/resettlement-applications`;
      const app = await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, applications), { destinationCountry: 'CA', pathway: 'PRIVATE_SPONSORSHIP', sponsoringBody: 'Rainbow Railroad' });
      const id = String(app.id);
      await move(ctx, c, 'RESETTLEMENT_IN_PROGRESS');
      await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, `${applications}/${id}/submission-request`), {});
      await staff(ctx, coordinatorFor(ctx, c.person.index + 1), 'POST', caseUrl(c, `${applications}/${id}/submission-approval`), {});
      for (const status of ['INTERVIEW', 'ACCEPTED']) await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, `${applications}/${id}/status`), { status });
      ctx.timeline.say(`${shortName(c.person)} (${c.reference}): private sponsorship to Canada submitted (four-eyes), interviewed, ACCEPTED`);
    },
  },
];

const legs = new Map<DemoCase, string>();

interface EscalationItem {
  id: string;
  caseReference: string;
  trigger: string;
  level: number;
  state: string;
}

async function allEscalations(ctx: DemoContext): Promise<EscalationItem[]> {
  const items: EscalationItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: EscalationItem[]; nextCursor: string | null } = (await ctx.http.call<{ items: EscalationItem[]; nextCursor: string | null }>(
      staffCredential(lead(ctx)),
      'GET',
      `/api/v1/escalations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Waits (in drill time) for the story's escalations: DURESS opens at the top level at once; each
 * person who went silent misses a check-in (level 1, their caseworker) and, unacknowledged,
 * climbs to level 2 (the coordinators). One caseworker acknowledges, which stops that climb.
 */
async function watchEscalations(ctx: DemoContext): Promise<void> {
  const silent = new Set(ctx.cases.filter((c) => c.goesSilent && c.arrived).map((c) => c.reference));
  const duress = ctx.cases.find((c) => c.underDuress && c.arrived);
  // Interval plus grace, then the longest level-1 window (NORMAL: 8 hours), compressed; with slack.
  const timeoutMs = ctx.checkinIntervalMs * 1.1 + (8 * 3_600_000) / ctx.drillTimeCompression + 60_000;
  const started = Date.now();
  const seen = new Map<string, string>();
  let acknowledged: string | null = null;
  let duressHandled = false;
  for (;;) {
    const items = await allEscalations(ctx);
    for (const e of items) {
      const key = `${e.trigger}:${e.level}:${e.state}`;
      if (seen.get(e.id) === key) continue;
      seen.set(e.id, key);
      const who = ctx.cases.find((c) => c.reference === e.caseReference);
      ctx.timeline.say(`escalation ${e.trigger} on ${e.caseReference}${who ? ` (${shortName(who.person)})` : ''}: level ${e.level}, ${e.state}`);
    }
    if (duress && !duressHandled) {
      const raised = items.find((e) => e.caseReference === duress.reference && e.trigger === 'DURESS');
      if (raised) {
        // The coordinator takes it at once; the shelter partner is alerted at level 3.
        await staff(ctx, lead(ctx), 'POST', `/api/v1/escalations/${raised.id}/acknowledgement`);
        duressHandled = true;
      }
    }
    // Still unresolved: a late check-in earlier in the story resolves its own escalation; going silent does not.
    const missed = items.filter((e) => e.trigger === 'MISSED_CHECKIN' && e.state !== 'RESOLVED' && silent.has(e.caseReference));
    if (!acknowledged) {
      const first = missed.find((e) => e.state === 'OPEN' && e.level === 1);
      const c = first ? ctx.cases.find((x) => x.reference === first.caseReference) : undefined;
      if (first && c && missed.length > 1) {
        await staff(ctx, caseworkerOf(c), 'POST', `/api/v1/escalations/${first.id}/acknowledgement`);
        acknowledged = first.id;
        ctx.timeline.detail(`${caseworkerOf(c).email} acknowledges ${c.reference}: that climb stops; the others keep climbing`);
      }
    }
    const everyoneMissed = [...silent].every((ref) => missed.some((e) => e.caseReference === ref));
    const climbed = silent.size === 0 || missed.some((e) => e.level >= 2);
    if ((duress ? duressHandled : true) && everyoneMissed && climbed) break;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`escalations did not develop within ${Math.round(timeoutMs / 1000)} s (missed: ${missed.length}/${silent.size}, duress raised: ${duressHandled})`);
    }
    await sleep(Math.max(500, Math.min(3_000, ctx.checkinIntervalMs / 10)));
  }
}
