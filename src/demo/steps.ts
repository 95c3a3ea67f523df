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
import { newIdempotencyKey } from './http';
import { shortName } from './people';
import { bootstrapAdmin, inviteAndEnrol } from './staff';
import { WebhookReceiver } from './webhook-receiver';

export interface DemoStep {
  title: string;
  /** From this step on, the people who keep in touch are checked in in the background. */
  startsCheckins?: boolean;
  run(ctx: DemoContext): Promise<void>;
}

export const DEMO_DOMAIN = 'corridor-demo.example';
const SAFETY_PIN = '482913';
const DURESS_PIN = '906175';
const STAGES_WITH_SCHEDULES = [
  'INTAKE',
  'VERIFICATION',
  'TRIAGED',
  'RELOCATION_PLANNED',
  'IN_TRANSIT',
  'IN_SAFE_COUNTRY',
  'RESETTLEMENT_IN_PROGRESS',
  'DEPARTED',
  'RESETTLED',
];
const DESTINATIONS = ['CA', 'DE', 'NL', 'SE', 'FR', 'NO', 'IE'];

const staff = (ctx: DemoContext, who: StaffMember, method: string, path: string, body?: unknown) =>
  ctx.http.call<Record<string, unknown>>(staffCredential(who), method, path, body);
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

/** What a partner agency sends (ReferralDto): no case file of its own, the threat in its words. */
function referralBody(ctx: DemoContext, demoCase: DemoCase) {
  const p = demoCase.person;
  return {
    person: { givenName: p.givenName, familyName: p.familyName, patronymic: p.patronymic, dateOfBirth: p.dateOfBirth, gender: p.gender },
    contact: { channels: [{ type: 'SIGNAL', value: p.phone }], safeContactInstructions: 'Text first; never call' },
    originCountry: 'AZ',
    currentCountry: 'AZ',
    currentCity: p.city,
    riskNarrative: p.narrative,
    riskFactors: p.riskFactors,
    consent: { services: true, sharing: true, resettlement: true, method: 'PARTNER_ATTESTED', obtainedAt: new Date(Date.now() - 7_200_000).toISOString() },
    ...(ctx.activationDeclared ? { activationCode: ctx.activationCode } : {}),
  };
}

/** One wave: partner referrals first, then the people who reached a caseworker directly. */
async function takeIn(ctx: DemoContext, wave: 1 | 2): Promise<void> {
  const mine = ctx.cases.filter((c) => c.wave === wave);
  const referrals = mine.filter((c) => c.via === 'partner');
  if (referrals.length > 0) await refer(ctx, referrals);
  const intakes = mine.filter((c) => c.via === 'staff');
  await inPool(
    intakes,
    ctx.concurrency,
    async (c) => {
      c.caseworker = present(ctx.caseworkers[c.person.index % ctx.caseworkers.length], 'a caseworker');
      const result = await staff(ctx, c.caseworker, 'POST', '/api/v1/cases', {
        ...intakeBody(c),
        ...(ctx.activationDeclared ? { activationCode: ctx.activationCode } : {}),
      });
      c.reference = String(result.reference);
      c.lastTouchMs = Date.now();
    },
    progress(ctx, 'staff intakes', intakes.length),
  );
  ctx.timeline.say(`wave ${wave}: ${referrals.length} partner referrals and ${intakes.length} intakes by caseworkers`);
}

interface ReferralAnswer {
  id: string;
  status: string;
}

/** Partner referrals: POST /partner/v1/referrals, each with its own Idempotency-Key. */
async function refer(ctx: DemoContext, referrals: DemoCase[]): Promise<void> {
  let replayed = false;
  await inPool(
    referrals,
    ctx.concurrency,
    async (c) => {
      // Every fourth person is referred; the two partners take turns.
      const agency = present(ctx.agencies[Math.floor(c.person.index / 4) % ctx.agencies.length], 'a partner agency');
      const idempotencyKey = newIdempotencyKey();
      const body = referralBody(ctx, c);
      const answer = await ctx.http.send<ReferralAnswer>(partnerCredential(agency), 'POST', '/partner/v1/referrals', { body, idempotencyKey });
      if (!replayed) {
        // A flaky uplink retries: the same key replays the first answer and opens no second case.
        replayed = true;
        const again = await ctx.http.send<ReferralAnswer>(partnerCredential(agency), 'POST', '/partner/v1/referrals', { body, idempotencyKey });
        if (again.id !== answer.id) throw new Error('a retried referral (same Idempotency-Key) opened a second case');
      }
      c.referralId = answer.id;
      c.referredBy = agency.id;
      c.lastTouchMs = Date.now();
    },
    progress(ctx, 'partner referrals', referrals.length),
  );
  const byAgency = ctx.agencies.map((a) => `${referrals.filter((c) => c.referredBy === a.id).length} from ${a.city}`).join(', ');
  ctx.timeline.say(`${referrals.length} referrals (${byAgency}), each with an Idempotency-Key; one retried with the same key: the same referral came back`);
  await placeReferrals(ctx, referrals);
}

interface CasePage {
  items: Array<{ reference: string }>;
  nextCursor: string | null;
}

interface CaseDetail {
  assignedCaseworkerIds: string[];
  referringAgencyId: string | null;
  protected: { contact?: { channels: Array<{ value: string }> } };
}

/**
 * The partner learns no case reference. A coordinator finds the new referred cases in the INTAKE
 * list, opens each (an audited read) to know who it is, and a caseworker takes it: the activation
 * roster's if it already placed the case, else one the coordinator assigns.
 */
async function placeReferrals(ctx: DemoContext, referrals: DemoCase[]): Promise<void> {
  const coordinator = lead(ctx);
  const known = new Set(ctx.cases.map((c) => c.reference).filter((r): r is string => r !== null));
  const unknownRefs: string[] = [];
  let cursor: string | null = null;
  do {
    const page: CasePage = await ctx.http.call<CasePage>(
      staffCredential(coordinator),
      'GET',
      `/api/v1/cases?stage=INTAKE&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const item of page.items) if (!known.has(item.reference)) unknownRefs.push(item.reference);
    cursor = page.nextCursor;
  } while (cursor);
  const byPhone = new Map(referrals.map((c) => [c.person.phone, c]));
  let assignedByRoster = 0;
  await inPool(unknownRefs, ctx.concurrency, async (reference) => {
    const detail = await ctx.http.call<CaseDetail>(staffCredential(coordinator), 'GET', `/api/v1/cases/${reference}`);
    const c = byPhone.get(detail.protected.contact?.channels[0]?.value ?? '');
    if (!c) return;
    if (detail.referringAgencyId !== c.referredBy) throw new Error(`${reference} does not name the agency that referred it`);
    c.reference = reference;
    const rosterPick = ctx.caseworkers.find((w) => detail.assignedCaseworkerIds.includes(w.id));
    if (rosterPick) {
      c.caseworker = rosterPick;
      assignedByRoster += 1;
      return;
    }
    c.caseworker = present(ctx.caseworkers[c.person.index % ctx.caseworkers.length], 'a caseworker');
    await staff(ctx, coordinator, 'PUT', caseUrl(c, '/assignment'), { caseworkerIds: [c.caseworker.id] });
  });
  const lost = referrals.filter((c) => !c.reference);
  if (lost.length > 0) throw new Error(`${lost.length} referral(s) opened no case a coordinator could find`);
  ctx.timeline.detail(
    `${assignedByRoster} referred cases were placed by the activation roster, ${referrals.length - assignedByRoster} assigned by a coordinator`,
  );
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
      ctx.timeline.say(
        `${ctx.coordinators.length} coordinators, ${ctx.caseworkers.length} caseworkers and an auditor enrolled (invitation → password → TOTP → sign-in)`,
      );
    },
  },
  {
    title: 'Drill check-in policy',
    async run(ctx) {
      const rules = STAGES_WITH_SCHEDULES.flatMap((stage) => ['EMERGENCY', 'URGENT', 'NORMAL'].map((priority) => ({ stage, priority, intervalMinutes: 60 })));
      await staff(ctx, adminOf(ctx), 'PUT', '/api/v1/admin/checkin-policy', { rules });
      ctx.timeline.say(
        `check-in policy set to the 60-minute floor for the drill; at ${ctx.drillTimeCompression}× drill time a check-in is due every ${Math.round(ctx.checkinIntervalMs / 1000)} s`,
      );
    },
  },
  {
    title: 'Partner agencies and their API keys',
    async run(ctx) {
      const partnerScopes = ['referrals:write', 'cases:read', 'checkins:write', 'services:write', 'webhooks:manage'];
      const specs: Array<Pick<DemoAgency, 'key' | 'name' | 'type' | 'country' | 'city'> & { scopes: string[] }> = [
        { key: 'shelter', name: 'Kartli Safe Homes (fictional shelter network)', type: 'SHELTER', country: 'GE', city: 'Tbilisi', scopes: partnerScopes },
        { key: 'ngo', name: 'Bosphorus Solidarity (fictional NGO)', type: 'NGO', country: 'TR', city: 'Istanbul', scopes: partnerScopes },
        {
          key: 'liaison',
          name: 'Refugee liaison desk of a fictional receiving state',
          type: 'GOVERNMENT',
          country: 'CA',
          city: 'Ottawa',
          scopes: ['expedite:respond', 'webhooks:manage'],
        },
      ];
      for (const { scopes, ...spec } of specs) {
        const agency = await staff(ctx, adminOf(ctx), 'POST', '/api/v1/admin/agencies', { name: spec.name, type: spec.type, countries: [spec.country] });
        const key = await staff(ctx, adminOf(ctx), 'POST', `/api/v1/admin/agencies/${String(agency.id)}/api-keys`, { label: 'demo integration', scopes });
        if (typeof key.key !== 'string') throw new Error('the API key was not shown at creation');
        const created: DemoAgency = { ...spec, id: String(agency.id), apiKey: key.key, receiver: new WebhookReceiver(spec.key), webhookRegistered: false };
        if (spec.type === 'GOVERNMENT') ctx.liaison = created;
        else ctx.agencies.push(created);
        ctx.timeline.say(`${spec.name}, ${spec.city} (${spec.type}, ${spec.country}): agency and API key (${scopes.join(', ')})`);
      }
    },
  },
  {
    title: 'Webhook receivers on loopback',
    async run(ctx) {
      // Deliveries go to public https hosts only; the admin exempts loopback for the demo receivers.
      await staff(ctx, adminOf(ctx), 'POST', '/api/v1/admin/egress-allowlist', { host: '127.0.0.1' });
      ctx.timeline.say('egress allowlist: 127.0.0.1 exempted by the admin (plain http on loopback, demo only)');
      for (const agency of allAgencies(ctx)) {
        const url = await agency.receiver.start();
        const eventTypes = agency.type === 'GOVERNMENT' ? ['expedite.requested'] : PARTNER_EVENT_TYPES;
        const registered = await ctx.http.send<Record<string, unknown>>(partnerCredential(agency), 'POST', '/partner/v1/webhooks', {
          body: { url, description: `${agency.city} demo receiver (loopback)`, eventTypes },
          idempotencyKey: newIdempotencyKey(),
        });
        if (typeof registered.secret !== 'string' || !registered.secret.startsWith('whsec_'))
          throw new Error('the webhook secret (whsec_…) was not shown at registration');
        agency.receiver.useSecret(registered.secret);
        agency.webhookRegistered = true;
        ctx.timeline.say(`${agency.city}: webhook receiver on ${url} for ${eventTypes.join(', ')}; every delivery's signature checked (Standard Webhooks)`);
      }
    },
  },
  {
    title: 'Wave 1: the first people reach out',
    startsCheckins: true,
    async run(ctx) {
      ctx.timeline.say('September 2017: raids in Baku; detainees are pressed for names and their phones searched');
      await takeIn(ctx, 1);
    },
  },
  {
    title: `Activation ${ACTIVATION_CODE}`,
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
        // A purge cannot wait the standard day for triage of its emergencies, nor hours for an
        // unanswered escalation to reach the next level: five minutes per level.
        overrides: { triageSla: [{ priority: 'EMERGENCY', hours: 12 }], acknowledgeWindows: { caseworker: 5, coordinator: 5 } },
      };
      await staff(ctx, lead(ctx), 'POST', '/api/v1/activations', body);
      ctx.activationDeclared = true;
      ctx.timeline.say(
        `${lead(ctx).email} declares activation ${ctx.activationCode}: open AZ cases are linked and re-timed in chunks, the roster of ${ctx.caseworkers.length} takes the unassigned ones`,
      );
      const fanout = await waitForFanout(ctx, 'fan-out');
      ctx.timeline.say(
        `fan-out finished: ${fanout.linked} cases linked, ${fanout.rescheduled} re-timed, ${fanout.assigned} placed with the roster (${fanout.chunksDone}/${fanout.chunksTotal} chunks, ${fanout.failed} failed)`,
      );
      if (fanout.failed > 0) throw new Error(`the activation's fan-out failed on ${fanout.failed} case(s)`);
      await waitForWebhooks(ctx, 'activation.started', ctx.agencies);
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
          c.priority = priority;
          counts[priority] = (counts[priority] ?? 0) + 1;
          await move(ctx, c, 'TRIAGED');
        },
        progress(ctx, 'triage', open.length),
      );
      ctx.timeline.say(
        `triaged ${open.length}: ${Object.entries(counts)
          .map(([p, n]) => `${n} ${p}`)
          .join(', ')}`,
      );
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
      ctx.timeline.say(
        `${moving.length} relocation plans requested by caseworkers and approved by a second person: ${ge} via Georgia, ${moving.length - ge} via Turkey`,
      );
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
          const leg = await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, '/legs'), {
            fromCountry: 'AZ',
            toCountry: c.host,
            mode: c.host === 'GE' ? 'LAND' : 'AIR',
            plannedDepartureDate: today(),
          });
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
      if (silent.length > 0)
        ctx.timeline.detail(
          `${silent.length} of them will stop answering from here on: ${silent
            .slice(0, 5)
            .map((c) => `${shortName(c.person)} (${c.reference})`)
            .join(', ')}${silent.length > 5 ? ', …' : ''}`,
        );
    },
  },
  {
    title: 'Need-to-know shares with the host partners',
    async run(ctx) {
      const arrived = ctx.cases.filter((c) => c.arrived);
      const expiresAt = addDays(new Date(), 30).toISOString();
      await inPool(
        arrived,
        ctx.concurrency,
        async (c) => {
          const agency = present(
            ctx.agencies.find((a) => a.country === c.host),
            'the host partner',
          );
          await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, '/shares'), { agencyId: agency.id, fields: SHARED_FIELDS, purpose: 'SHELTER', expiresAt });
          c.sharedWith = agency.id;
        },
        progress(ctx, 'shares', arrived.length),
      );
      ctx.timeline.say(`${arrived.length} cases shared with their host partner for SHELTER: ${SHARED_FIELDS.join(', ')} (and the reference) only, for 30 days`);
      await waitForWebhooks(
        ctx,
        'case.shared',
        ctx.agencies.filter((a) => arrived.some((c) => c.sharedWith === a.id)),
      );
    },
  },
  {
    title: 'Partners check in and report services',
    async run(ctx) {
      const shared = ctx.cases.filter((c) => c.sharedWith && !c.goesSilent);
      for (const agency of ctx.agencies) {
        const list = await ctx.http.call<{ items: Array<Record<string, unknown>> }>(partnerCredential(agency), 'GET', '/partner/v1/cases?limit=100');
        const fields = new Set(list.items.flatMap((item) => Object.keys(item)));
        ctx.timeline.say(`${agency.city} sees ${list.items.length} shared case(s), and only these fields: ${[...fields].sort().join(', ')}`);
      }
      // A caseworker asks the partners to look in on the first few; they go and check in.
      const asked = shared.slice(0, 6);
      for (const c of asked) await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, '/check-in-requests'));
      ctx.timeline.say(`caseworkers ask the partners to look in on ${asked.length} people (checkin.requested)`);
      await waitForWebhooks(
        ctx,
        'checkin.requested',
        ctx.agencies.filter((a) => asked.some((c) => c.sharedWith === a.id)),
      );
      await inPool(
        shared,
        ctx.concurrency,
        async (c) => {
          const agency = present(
            ctx.agencies.find((a) => a.id === c.sharedWith),
            'the host partner',
          );
          await ctx.http.send(partnerCredential(agency), 'POST', `/partner/v1/cases/${c.reference}/check-ins`, {
            body: { channel: 'VISIT' },
            idempotencyKey: newIdempotencyKey(),
          });
          c.lastTouchMs = Date.now();
          ctx.checkinsRecorded += 1;
          await ctx.http.send(partnerCredential(agency), 'POST', `/partner/v1/cases/${c.reference}/service-updates`, {
            body: { type: 'SHELTER_PROVIDED', note: 'Bed and meals arranged', occurredOn: today() },
            idempotencyKey: newIdempotencyKey(),
          });
        },
        progress(ctx, 'partner visits', shared.length),
      );
      ctx.timeline.say(`${shared.length} check-ins (VISIT) and "shelter provided" updates through the partner API, each with an Idempotency-Key`);
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
    title: 'A resettlement application, expedited and accepted',
    async run(ctx) {
      const c = present(
        ctx.cases.find((x) => x.accepted && x.arrived),
        'the person whose application is accepted',
      );
      const applications = `/resettlement-applications`;
      const app = await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, applications), {
        destinationCountry: 'CA',
        pathway: 'PRIVATE_SPONSORSHIP',
        sponsoringBody: 'Rainbow Railroad',
      });
      const id = String(app.id);
      await move(ctx, c, 'RESETTLEMENT_IN_PROGRESS');
      await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, `${applications}/${id}/submission-request`), {});
      await staff(ctx, coordinatorFor(ctx, c.person.index + 1), 'POST', caseUrl(c, `${applications}/${id}/submission-approval`), {});
      ctx.timeline.say(
        `${shortName(c.person)} (${c.reference}): private sponsorship to Canada requested by the caseworker, submitted on a coordinator's approval (four-eyes)`,
      );
      if (c.priority === 'EMERGENCY') await expedite(ctx, c, id);
      else ctx.timeline.detail(`${c.reference} is ${String(c.priority)}, not EMERGENCY: no expedited request`);
      for (const status of ['INTERVIEW', 'ACCEPTED']) await staff(ctx, caseworkerOf(c), 'POST', caseUrl(c, `${applications}/${id}/status`), { status });
      ctx.timeline.say(`${shortName(c.person)} (${c.reference}): interviewed, ACCEPTED`);
    },
  },
];

/**
 * The EMERGENCY case's application goes to the receiving state's liaison with a deadline and the
 * identity it needs (a snapshot sealed for that agency); the liaison answers through the partner
 * API with an emergency visa, which is sealed under the case key.
 */
async function expedite(ctx: DemoContext, c: DemoCase, applicationId: string): Promise<void> {
  const liaison = present(ctx.liaison, 'the receiving-state liaison');
  const deadline = addDays(new Date(), 3).toISOString();
  // Asking another state for protection is a coordinator's call.
  await staff(ctx, coordinatorFor(ctx, c.person.index), 'POST', caseUrl(c, `/resettlement-applications/${applicationId}/expedite-requests`), {
    agencyId: liaison.id,
    deadline,
    share: ['GIVEN_NAME', 'FAMILY_NAME', 'DATE_OF_BIRTH'],
  });
  ctx.timeline.say(
    `${c.reference} is EMERGENCY: expedited protection requested from ${liaison.name}, answer due in 3 days, name and date of birth shared with it alone`,
  );
  await waitForWebhooks(ctx, 'expedite.requested', [liaison]);
  const inbox = await ctx.http.call<{ items: Array<{ id: string; caseReference: string; status: string }> }>(
    partnerCredential(liaison),
    'GET',
    '/partner/v1/expedite-requests?limit=100',
  );
  const request = present(
    inbox.items.find((item) => item.caseReference === c.reference && item.status === 'PENDING'),
    "the expedited request in the liaison's inbox",
  );
  const answer = await ctx.http.send<{ answer: string; late: boolean }>(
    partnerCredential(liaison),
    'POST',
    `/partner/v1/expedite-requests/${request.id}/responses`,
    {
      body: {
        answer: 'GRANTED',
        document: { type: 'EMERGENCY_VISA', number: `EV-${String(100_000 + c.person.index)}`, validUntil: addDays(new Date(), 90).toISOString().slice(0, 10) },
      },
      idempotencyKey: newIdempotencyKey(),
    },
  );
  ctx.timeline.say(`the liaison answers ${answer.answer}${answer.late ? ' (late)' : ' in time'}: an emergency visa, recorded sealed under the case key`);
}

/** Every event type a host partner follows. */
const PARTNER_EVENT_TYPES = [
  'referral.status_changed',
  'case.shared',
  'case.share_revoked',
  'checkin.requested',
  'escalation.raised',
  'activation.started',
  'activation.stood_down',
];
/** The catalogue fields a host partner needs for shelter and check-ins: no contact, no needs. */
const SHARED_FIELDS = ['firstName', 'city', 'currentCountry', 'stage', 'nextCheckinDue'];

export const allAgencies = (ctx: DemoContext): DemoAgency[] => [...ctx.agencies, ...(ctx.liaison ? [ctx.liaison] : [])];

/** Webhook deliveries are asynchronous (outbox, queue, retries): wait until each agency has a verified one. */
export async function waitForWebhooks(
  ctx: DemoContext,
  type: string,
  agencies: DemoAgency[],
  match: (data: Record<string, unknown>) => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  const arrived = () => agencies.every((a) => a.receiver.events.some((e) => e.type === type && e.verified && match(e.data)));
  while (!arrived()) {
    if (Date.now() > deadline) {
      const missing = agencies.filter((a) => !a.receiver.events.some((e) => e.type === type && e.verified && match(e.data))).map((a) => a.city);
      throw new Error(`no verified ${type} webhook reached ${missing.join(', ')} within 60 s`);
    }
    await sleep(250);
  }
  ctx.timeline.detail(`${type} received and verified by ${agencies.map((a) => a.city).join(', ')}`);
}

interface FanoutProgress {
  state: string;
  chunksTotal: number;
  chunksDone: number;
  linked: number;
  rescheduled: number;
  assigned: number;
  released: number;
  failed: number;
}

/** Follows the activation's fan-out (GET /api/v1/activations/{code}) to the end, as a progress bar. */
export async function waitForFanout(ctx: DemoContext, label: string): Promise<FanoutProgress> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { fanout } = await ctx.http.call<{ fanout: FanoutProgress }>(staffCredential(lead(ctx)), 'GET', `/api/v1/activations/${ctx.activationCode}`);
    if (fanout.chunksTotal > 0) ctx.timeline.progress(label, fanout.chunksDone, fanout.chunksTotal);
    if (fanout.state === 'FINISHED') return fanout;
    if (Date.now() > deadline) throw new Error(`the activation's ${label} did not finish within 120 s (${fanout.chunksDone}/${fanout.chunksTotal} chunks)`);
    await sleep(300);
  }
}

const legs = new Map<DemoCase, string>();

/** Whether the partner sharing the case received a verified escalation.raised at level 3 for it. */
function told(ctx: DemoContext, reference: string | null | undefined): boolean {
  const c = ctx.cases.find((x) => x.reference === reference);
  const agency = ctx.agencies.find((a) => a.id === c?.sharedWith);
  return (
    !!agency && agency.receiver.events.some((e) => e.type === 'escalation.raised' && e.verified && e.data.caseReference === reference && e.data.level === 3)
  );
}

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
    const page: { items: EscalationItem[]; nextCursor: string | null } = await ctx.http.call<{ items: EscalationItem[]; nextCursor: string | null }>(
      staffCredential(lead(ctx)),
      'GET',
      `/api/v1/escalations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Waits (in drill time) for the story's escalations: DURESS opens at the top level at once; each
 * person who went silent misses a check-in (level 1, their caseworker) and, unacknowledged,
 * climbs to level 2 (the coordinators) and level 3, where the partner sharing the case is told
 * (escalation.raised). One caseworker acknowledges at level 1, which stops that climb.
 */
async function watchEscalations(ctx: DemoContext): Promise<void> {
  const silent = new Set(ctx.cases.filter((c) => c.goesSilent && c.arrived).map((c) => c.reference));
  const duress = ctx.cases.find((c) => c.underDuress && c.arrived);
  // Interval plus grace, then the activation's two 5-minute windows, compressed; with slack.
  const timeoutMs = ctx.checkinIntervalMs * 1.1 + (10 * 60_000) / ctx.drillTimeCompression + 90_000;
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
    const atTop = missed.filter((e) => e.level === 3);
    const partnerTold = (reference: string | null | undefined) => told(ctx, reference);
    const climbed = atTop.some((e) => partnerTold(e.caseReference));
    const duressTold = !duress || (duressHandled && partnerTold(duress.reference));
    if (duressTold && everyoneMissed && climbed) {
      ctx.timeline.say(
        `${atTop.length} missed check-in(s) reached level 3; the sharing partners received escalation.raised (signature verified) for them${duress ? ' and for the duress check-in' : ''}`,
      );
      break;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `escalations did not develop within ${Math.round(timeoutMs / 1000)} s (missed: ${missed.length}/${silent.size}, at level 3: ${atTop.length}, partner told of one: ${climbed}, duress raised: ${duressHandled}, partner told of duress: ${duressTold})`,
      );
    }
    await sleep(Math.max(500, Math.min(3_000, ctx.checkinIntervalMs / 10)));
  }
}
