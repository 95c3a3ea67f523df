// referral-intake: POST /partner/v1/referrals from several partner agencies, each request with a
// unique Idempotency-Key and a body of its own (names in Latin, Azerbaijani and Cyrillic script,
// 0–3 dependants, several contact channels, risk factors, narratives of varied length; about one
// in twenty repeats an earlier person in another script or with another channel, so the
// duplicate lookup finds candidates as it would in a purge). Every request goes through the whole
// path: API-key authentication, the per-agency rate limit (Redis), the idempotency claim and
// replay record, validation, a data key per case, eight sealed groups, blind indexes and the
// duplicate lookup, the triage deadline, the journal (history, audit, outbox, check-in schedule),
// the referral row and its audit row — one transaction.
//
// Beside it, in the same run and at the same connection count:
//   - pgbench on the statements the service really ran: a capture process (bench/references.mjs)
//     answers two referrals per agency and each agency's pgbench script is generated from them —
//     the same texts in the same order, prepared where the code prepares them, the values it sent
//     (ids, keys, digests and references made unique per transaction) — and pgbench runs the
//     agencies' scripts with equal weights, as the load spreads its requests over them;
//   - the HTTP ceiling (GET /health on the same process);
//   - with --api-processes 2 (default outside smoke), the same load on two API processes behind
//     one port (scripts/launch.mjs, API_PROCESSES=2).
// Where the reference is cheaper or dearer than the real path is printed with the figures.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureProcess, pgbenchScript } from '../references.mjs';

/** Bodies the capture sends: far beyond any the load reaches, so the same path (no duplicate found). */
const CAPTURE_FROM = 50_000_000;

export default {
  name: 'referral-intake',
  description: 'POST /partner/v1/referrals with unique idempotency keys beside pgbench on its captured statements and the HTTP ceiling',
  async run({ smoke, options, say, lib }) {
    const connections = Number(options.connections ?? (smoke ? 4 : 32));
    const duration = Number(options.duration ?? (smoke ? 2 : 20));
    const agencies = smoke ? 2 : 8;
    const database = lib.benchDatabase('referral-intake');
    const env = {
      ...lib.serviceEnv(database, await lib.freePort()),
      CORRIDOR_ROLES: 'api',
      // 600 a minute per agency protects the service from one partner; the bench is the flood.
      PARTNER_RATE_LIMIT_PER_MINUTE: '100000000',
    };
    lib.prepareDatabase(database, env);
    let { child, base } = await lib.startService(env);
    try {
      const admin = await lib.seedAdmin(base, env);
      const keys = [];
      for (let a = 0; a < agencies; a += 1) {
        const agency = await lib.post(base, '/api/v1/admin/agencies', { name: `Bench shelter ${a}`, type: 'SHELTER', countries: ['GE', 'TR', 'AM'] }, admin);
        keys.push((await lib.post(base, `/api/v1/admin/agencies/${agency.id}/api-keys`, { label: 'bench', scopes: ['referrals:write'] }, admin)).key);
      }
      const body = bodies();
      let sent = 0;
      const setupRequest = (request) => {
        const i = sent;
        sent += 1;
        return {
          ...request,
          method: 'POST',
          path: '/partner/v1/referrals',
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            authorization: `Bearer ${keys[i % keys.length]}`,
            'idempotency-key': randomUUID(),
          },
          body: body(i),
        };
      };
      const count = () => Number(lib.psql('SELECT count(*) FROM referrals', database));

      say('HTTP ceiling: GET /health on the same process …');
      await lib.load({ url: base, connections, duration: 1, paths: ['/health'] });
      const ceiling = lib.summarize(await lib.load({ url: base, connections, duration, paths: ['/health'] }));

      say(`referral intake: POST /partner/v1/referrals from ${agencies} agencies with ${connections} connections …`);
      await lib.load({ url: base, connections, duration: smoke ? 1 : 3, setupRequest });
      // Requests cut off when the warm-up stops may still be committing: let them settle first.
      await lib.sleep(2_000);
      const warmed = count();
      const stopSampling = lib.sampleRss(child.pid);
      const intake = lib.summarize(await lib.load({ url: base, connections, duration, setupRequest }));
      const rss = stopSampling();
      await lib.sleep(2_000);
      const [referrals, cases, flagged, idempotent, outbox, audited] = lib
        .psql(
          `SELECT (SELECT count(*) FROM referrals), (SELECT count(*) FROM cases), (SELECT count(*) FROM cases WHERE possible_duplicate),
                  (SELECT count(*) FROM idempotency_records WHERE state = 'COMPLETED'), (SELECT count(*) FROM outbox_events), (SELECT count(*) FROM audit_events WHERE action = 'referral.submitted')`,
          database,
        )
        .split('|')
        .map(Number);
      const measured = referrals - warmed;

      say('reference: capturing the statements of two real referrals per agency …');
      const capture = await captureProcess(env, await lib.freePort());
      const scripts = [];
      const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-intake-'));
      let generated;
      try {
        for (let a = 0; a < keys.length; a += 1) {
          const send = (n) => (captureBase) =>
            lib.post(captureBase, '/partner/v1/referrals', JSON.parse(body(CAPTURE_FROM + a * 40 + n * 20)), null, {
              authorization: `Bearer ${keys[a]}`,
              'idempotency-key': randomUUID(),
            });
          const first = await capture.take(send(0));
          const second = await capture.take(send(1));
          generated = pgbenchScript(first, second, {
            header: [`referral intake, agency ${a + 1} of ${keys.length}: generated from the statements one real referral ran (bench/references.mjs)`],
          });
          const file = join(dir, `agency-${a}.sql`);
          writeFileSync(file, generated.script);
          scripts.push(file);
        }
      } finally {
        await capture.stop();
      }
      say(
        `database limit: pgbench on the ${generated.statements} captured statements (${generated.prepared} prepared as in the code), ${scripts.length} agencies' scripts …`,
      );
      lib.psql('VACUUM ANALYZE', database);
      const pgTps = lib.pgbench(database, scripts, {
        clients: connections,
        seconds: smoke ? 2 : Math.min(duration, 15),
        variables: { prepared: 0 },
        mode: 'simple',
      });
      const pgLoad = lib.loadNow();

      // One API process against two behind one port (the launcher's Node cluster).
      const processes = Number(options['api-processes'] ?? (smoke ? 1 : 2));
      let scaled = null;
      if (processes > 1) {
        say(`referral intake on ${processes} API processes behind one port (scripts/launch.mjs) …`);
        await lib.stopService(child);
        ({ child, base } = await lib.startService({ ...env, API_PROCESSES: String(processes), API_HEAP_MB: '192' }, { script: 'scripts/launch.mjs' }));
        await lib.load({ url: base, connections, duration: smoke ? 1 : 3, setupRequest });
        await lib.sleep(2_000);
        const stopScaled = lib.sampleRss(child.pid, 250, { children: true });
        scaled = lib.summarize(await lib.load({ url: base, connections, duration, setupRequest }));
        scaled.rssMb = stopScaled();
      }

      const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);
      const figures = {
        'referral intake, 1 API process (sealed, indexed, deduplicated, audited)': {
          ...intake,
          rssMb: rss,
          note: `${measured} referrals committed in the measured phase, ${intake.answered2xx} answered 2xx`,
        },
        [`pgbench, the ${generated.statements} captured statements, ${generated.prepared} prepared as in the code, ${agencies} agencies`]: {
          transactionsPerSecond: pgTps,
          load: pgLoad,
        },
        'HTTP ceiling (GET /health, same process)': ceiling,
      };
      if (scaled) figures[`referral intake, ${processes} API processes behind one port (RSS: the largest)`] = scaled;
      return {
        settings: { connections, duration: `${duration} s`, agencies, 'rate limit': 'raised for the bench process', 'generated pgbench scripts': dir },
        figures,
        ratios: {
          'referral intake / pgbench': ratio(intake.requestsPerSecond, pgTps),
          'referral intake / HTTP ceiling': ratio(intake.requestsPerSecond, ceiling.requestsPerSecond),
          ...(scaled
            ? {
                [`${processes} API processes / 1`]: ratio(scaled.requestsPerSecond, intake.requestsPerSecond),
                [`${processes} API processes / pgbench`]: ratio(scaled.requestsPerSecond, pgTps),
              }
            : {}),
        },
        notes: [
          "The pgbench reference is cheaper than the real path by the Redis rate-limit round trip and everything the API process does (HTTP, validation, sealing, blind indexes); its autocommit statements share the transaction's connection instead of taking a pooled one each.",
          `It is dearer by running the API-key lookup and the credential epoch one after the other (the service runs them in parallel). It uses the simple protocol (PREPARE/EXECUTE, and plain text for the statements the code does not prepare) where the service uses the extended one; ${generated.rewritten} values are rewritten per transaction by pgbench's substitution.`,
        ],
        targets: [
          {
            target: 'referral intake ≥ 0.5 × pgbench on its statements (1 API process)',
            actual: `${ratio(intake.requestsPerSecond, pgTps)} × (${intake.requestsPerSecond}/s vs ${pgTps} tps)`,
            met: pgTps ? intake.requestsPerSecond >= pgTps / 2 : null,
          },
          ...(scaled
            ? [
                {
                  target: `referral intake ≥ 0.5 × pgbench (${processes} API processes)`,
                  actual: `${ratio(scaled.requestsPerSecond, pgTps)} ×`,
                  met: pgTps ? scaled.requestsPerSecond >= pgTps / 2 : null,
                },
              ]
            : []),
          {
            target: `referral intake p99 ≤ 250 ms at ${connections} connections`,
            actual: `${intake.latencyMs.p99} ms (1 process)${scaled ? `, ${scaled.latencyMs.p99} ms (${processes})` : ''}`,
            met: intake.latencyMs.p99 <= 250,
          },
          {
            target: 'API RSS ≤ 250 MB under intake',
            actual: `${rss} MB${scaled ? `; ${scaled.rssMb} MB the largest of ${processes}` : ''}`,
            met: rss <= 250 && (!scaled || scaled.rssMb <= 250),
          },
          {
            target: 'no errors; every answered referral committed with its case, idempotency record and audit row',
            actual: `${intake.non2xx} non-2xx, ${intake.errors} errors; ${referrals} referrals, ${cases} cases (${flagged} possible duplicates), ${idempotent} completed idempotency records, ${audited} audit rows, ${outbox} outbox events (before the capture and the scaled run)`,
            met:
              intake.errors === 0 &&
              intake.non2xx === 0 &&
              referrals === cases &&
              idempotent === referrals &&
              audited === referrals &&
              measured >= intake.answered2xx,
          },
        ],
      };
    } finally {
      await lib.stopService(child);
      lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  },
};

const GIVEN = [
  ['Rəşad', 'Рашад', 'Rashad'],
  ['Nərgiz', 'Наргиз', 'Nargiz'],
  ['Elvin', 'Эльвин', 'Elvin'],
  ['Leyla', 'Лейла', 'Leyla'],
  ['Orxan', 'Орхан', 'Orkhan'],
  ['Aysel', 'Айсель', 'Aysel'],
  ['Kamran', 'Камран', 'Kamran'],
  ['Səbinə', 'Сабина', 'Sabina'],
  ['Tural', 'Турал', 'Tural'],
  ['Günel', 'Гюнель', 'Gunel'],
  ['Fərid', 'Фарид', 'Farid'],
  ['Zaur', 'Заур', 'Zaur'],
];
// Family names are made of syllables (spelt as GIVEN: Azerbaijani Latin, Cyrillic, plain Latin)
// with distinct consonants, so that every person has a name of their own once the name
// normaliser has folded scripts, vowels and digits away.
const SYLLABLES = [
  ['ka', 'ка', 'ka'],
  ['ra', 'ра', 'ra'],
  ['mo', 'мо', 'mo'],
  ['li', 'ли', 'li'],
  ['na', 'на', 'na'],
  ['tu', 'ту', 'tu'],
  ['vi', 'ви', 'vi'],
  ['do', 'до', 'do'],
  ['ba', 'ба', 'ba'],
  ['gu', 'гу', 'gu'],
  ['sa', 'са', 'sa'],
  ['pa', 'па', 'pa'],
  ['za', 'за', 'za'],
];
const ENDINGS = [
  ['ov', 'ов', 'ov'],
  ['ova', 'ова', 'ova'],
  ['li', 'ли', 'li'],
  ['zadə', 'заде', 'zade'],
];

function familyName(n, script) {
  let name = '';
  let rest = n;
  do {
    name += SYLLABLES[rest % SYLLABLES.length][script];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0 || name.length < 4);
  const full = name + ENDINGS[n % ENDINGS.length][script];
  return full[0].toUpperCase() + full.slice(1);
}
const CHANNELS = ['SIGNAL', 'WHATSAPP', 'TELEGRAM', 'PHONE', 'EMAIL'];
const FACTORS = [
  'DETAINED_OR_RECENTLY_RELEASED',
  'POLICE_SUMMONS_OR_SEARCH',
  'NAMED_BY_DETAINEE',
  'OUTED',
  'FAMILY_OR_COMMUNITY_THREATS',
  'IN_HIDING',
  'VISIBLY_GENDER_NONCONFORMING_OR_TRANS',
  'URGENT_HEALTH_NEED',
  'DEPENDANTS_AT_RISK',
  'HOLDS_VALID_TRAVEL_DOCUMENT',
];
const WHERE = [
  ['GE', 'Tbilisi'],
  ['GE', 'Batumi'],
  ['TR', 'Istanbul'],
  ['AM', 'Yerevan'],
  ['GE', null],
];
const SENTENCES = [
  'Summoned twice by the security service after the protest in Ganja.',
  'A friend was detained last week and named them under questioning.',
  'Photographs from a private gathering were published by a pro-government channel.',
  'Family members threatened violence after the outing.',
  'Moving between friends every few nights; phone may be monitored.',
  'Needs continuity of antiretroviral treatment within two weeks.',
  'Passport valid for another eight months; no visa yet.',
];
const RELATIONSHIPS = ['SPOUSE', 'PARTNER', 'CHILD', 'PARENT', 'SIBLING'];

/** Body number i: deterministic, unique in its person and contact except for the planned repeats. */
export function bodies() {
  const pick = (array, n) => array[n % array.length];
  return (i) => {
    // One request in twenty repeats the person of an earlier one, in another script.
    const repeat = i % 20 === 19;
    const p = repeat ? Math.floor(i / 2) : i;
    const script = repeat ? (p + 1) % 3 : p % 3;
    const person = {
      givenName: pick(GIVEN, p)[script],
      familyName: familyName(Math.floor(p / GIVEN.length), script),
      ...(p % 4 === 0 ? { patronymic: `${pick(GIVEN, p + 5)[script]} oğlu` } : {}),
      dateOfBirth:
        p % 7 === 0
          ? `${1965 + (p % 40)}`
          : `${1965 + (p % 40)}-${String(1 + (Math.floor(p / 40) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(p / 480) % 28)).padStart(2, '0')}`,
      ...(p % 5 === 0 ? { aliases: [`${pick(GIVEN, p + 3)[2]} ${p}`] } : {}),
    };
    const channels = [{ type: pick(CHANNELS, p), value: channelValue(pick(CHANNELS, p), p) }];
    if (p % 3 === 1) channels.push({ type: pick(CHANNELS, p + 1), value: channelValue(pick(CHANNELS, p + 1), p) });
    const dependants = Array.from({ length: p % 4 === 3 ? 1 + (p % 3) : 0 }, (_, d) => ({
      givenName: pick(GIVEN, p + d + 1)[script],
      familyName: person.familyName,
      relationship: pick(RELATIONSHIPS, p + d),
      ...(d % 2 === 0 ? { dateOfBirth: `${2005 + ((p + d) % 18)}` } : {}),
    }));
    const factors = FACTORS.filter((_, f) => (p >> f) % 5 === 0).slice(0, 4);
    const [currentCountry, currentCity] = pick(WHERE, p);
    const narrative = Array.from({ length: 1 + (p % 12) }, (_, s) => pick(SENTENCES, p + s)).join(' ');
    return JSON.stringify({
      person,
      ...(dependants.length > 0 ? { dependants } : {}),
      contact: { channels, ...(p % 2 === 0 ? { safeContactInstructions: 'Signal only, after 21:00; never mention the organisation by name.' } : {}) },
      originCountry: 'AZ',
      currentCountry,
      ...(currentCity ? { currentCity } : {}),
      riskNarrative: narrative,
      riskFactors: factors,
      consent: {
        services: true,
        sharing: p % 3 !== 0,
        resettlement: p % 2 === 0,
        method: 'PARTNER_ATTESTED',
        obtainedAt: new Date(Date.UTC(2026, 10, 1) + (p % 500) * 3_600_000).toISOString(),
      },
    });
  };
}

function channelValue(type, p) {
  const digits = String(5_000_000 + p)
    .padStart(7, '0')
    .slice(-7);
  if (type === 'EMAIL') return `person.${p}@proton.me`;
  if (type === 'TELEGRAM') return `@p${p.toString(36)}`;
  // Azerbaijani mobile prefixes, so the phone normaliser reads every number.
  return `+994 ${['50', '51', '55', '70', '77', '99'][p % 6]} ${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`;
}
