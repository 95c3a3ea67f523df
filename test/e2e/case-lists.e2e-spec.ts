import { StaffRole } from '@common/access/roles';
import { newCase, person } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';

interface ListItem {
  reference: string;
  name: { givenName: string; familyName: string; patronymic: string | null; aliases: string[] } | null;
  possibleDuplicate: boolean;
  nextCheckin: { dueAt: string; deadlineAt: string | null; overdue: boolean } | null;
  openEscalations: number;
  stay: { country: string; daysLeft: number | null } | null;
}

describe('case lists with names, filters and name search', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date('2026-12-01T09:00:00.000Z'));
  const logs = new LogCapture();
  let caseworkerA: StaffFixture;
  let caseworkerB: StaffFixture;
  let coordinator: StaffFixture;
  const refs: Record<string, string> = {};

  /** Cases with distinct people; the first three are one name in three spellings and scripts. */
  const PEOPLE: Record<string, { givenName: string; familyName: string; owner: 'A' | 'B' }> = {
    latin: { givenName: 'Elvin', familyName: 'Mammadov', owner: 'A' },
    russianLatin: { givenName: 'Elvin', familyName: 'Mamedov', owner: 'A' },
    cyrillic: { givenName: 'Эльвин', familyName: 'Мамедов', owner: 'A' },
    otherFamily: { givenName: 'Elvin', familyName: 'Aliyev', owner: 'A' },
    otherGiven: { givenName: 'Rashad', familyName: 'Mammadov', owner: 'A' },
    unrelated: { givenName: 'Nigar', familyName: 'Qasımova', owner: 'A' },
    // caseworker B's own cases, among them another Elvin Mammadov: A must never see them.
    bSame: { givenName: 'Elvin', familyName: 'Məmmədov', owner: 'B' },
    bOther: { givenName: 'Gülnarə', familyName: 'Hüseynova', owner: 'B' },
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs });
    caseworkerA = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    caseworkerB = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    for (const [key, who] of Object.entries(PEOPLE)) {
      clock.advance(1_000);
      const owner = who.owner === 'A' ? caseworkerA : caseworkerB;
      // Distinct birth dates and no shared phone: only the names relate these people.
      const day = String(1 + Object.keys(refs).length).padStart(2, '0');
      refs[key] = (
        await newCase(app, owner.token, {
          person: person({ givenName: who.givenName, familyName: who.familyName, patronymic: undefined, dateOfBirth: `1990-01-${day}` }),
          contact: { channels: [] },
        })
      ).reference;
    }
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST', url: string, who: StaffFixture, payload?: object) =>
    app.http!.inject({ method, url, headers: bearer(who.token), ...(payload ? { payload } : {}) });
  const db = () => ctx.dataSource();
  const listReads = async (who: StaffFixture, via: string): Promise<string[]> =>
    (await (await db()).query(`SELECT resource_id FROM audit_events WHERE action = 'case.read' AND actor_id = $1 AND details->>'via' = $2`, [who.id, via])).map(
      (row: { resource_id: string }) => row.resource_id,
    );
  const search = async (who: StaffFixture, name: string, extra: object = {}): Promise<ListItem[]> => {
    const response = await call('POST', '/api/v1/cases/search', who, { name, ...extra });
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };
  const referenceOf = (items: ListItem[]) => items.map((item) => item.reference).sort();

  it('lists my cases with their names, decrypted on the server, and audits exactly the names shown', async () => {
    const before = (await listReads(caseworkerA, 'list')).length;
    const response = await call('GET', '/api/v1/cases?limit=100', caseworkerA);
    expect(response.statusCode).toBe(200);
    const items: ListItem[] = response.json().items;
    const mine = Object.entries(PEOPLE)
      .filter(([, who]) => who.owner === 'A')
      .map(([key]) => refs[key]!);
    expect(referenceOf(items)).toEqual([...mine].sort());
    const cyrillic = items.find((item) => item.reference === refs.cyrillic)!;
    expect(cyrillic.name).toEqual({ givenName: 'Эльвин', familyName: 'Мамедов', patronymic: null, aliases: [] });
    const shown = items.filter((item) => item.name !== null);
    expect(shown).toHaveLength(items.length);
    // One audit row per case whose name left, written in one statement before the answer.
    const reads = (await listReads(caseworkerA, 'list')).slice(before);
    expect(reads.sort()).toEqual(referenceOf(shown));
    const [{ n }] = await (
      await db()
    ).query(`SELECT count(DISTINCT occurred_at)::int AS n FROM audit_events WHERE action = 'case.read' AND actor_id = $1 AND details->>'via' = 'list'`, [
      caseworkerA.id,
    ]);
    expect(n).toBe(1);
  });

  it('pages with a keyset cursor and a server-side maximum page size', async () => {
    const first = (await call('GET', '/api/v1/cases?limit=2', caseworkerA)).json();
    expect(first.items).toHaveLength(2);
    const second = (await call('GET', `/api/v1/cases?limit=2&cursor=${first.nextCursor}`, caseworkerA)).json();
    expect(referenceOf(second.items)).not.toEqual(expect.arrayContaining(referenceOf(first.items)));
    expect((await call('GET', '/api/v1/cases?limit=101', caseworkerA)).statusCode).toBe(400);
  });

  it('lists without names when asked: nothing decrypted, nothing audited', async () => {
    const before = (await listReads(caseworkerA, 'list')).length;
    const items: ListItem[] = (await call('GET', '/api/v1/cases?names=false', caseworkerA)).json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.name === null)).toBe(true);
    expect(await listReads(caseworkerA, 'list')).toHaveLength(before);
  });

  it('shows coordinators the names of the cases in their scope', async () => {
    const items: ListItem[] = (await call('GET', '/api/v1/cases?limit=100', coordinator)).json().items;
    expect(referenceOf(items)).toEqual(Object.values(refs).sort());
    expect(items.find((item) => item.reference === refs.bOther)!.name).toMatchObject({ givenName: 'Gülnarə', familyName: 'Hüseynova' });
  });

  // Name search: each spelling finds the others; namesakes in part only do not.
  const FINDS: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['Elvin Mammadov', ['latin', 'russianLatin', 'cyrillic']],
    ['Elvin Mamedov', ['latin', 'russianLatin', 'cyrillic']],
    ['Эльвин Мамедов', ['latin', 'russianLatin', 'cyrillic']],
    ['Elvin Məmmədov', ['latin', 'russianLatin', 'cyrillic']],
    ['MAMEDOV ELVIN', ['latin', 'russianLatin', 'cyrillic']],
    ['Elvin Aliyev', ['otherFamily']],
    ['Рашад Мамедов', ['otherGiven']],
    ['Nigar Gasimova', ['unrelated']],
    ['Leyla Mammadova', []],
  ];
  it.each(FINDS)('search "%s" finds exactly its cases in my scope', async (term, expected) => {
    const found = await search(caseworkerA, term);
    expect(referenceOf(found)).toEqual(expected.map((key) => refs[key]!).sort());
    expect(found.every((item) => item.name !== null)).toBe(true);
  });

  it('audits a search without its term, and the names it showed', async () => {
    const term = 'Elvin Mamedov';
    const found = await search(caseworkerA, term, { limit: 50 });
    const rows = await (
      await db()
    ).query(`SELECT action, details FROM audit_events WHERE actor_id = $1 AND action = 'case.searched' ORDER BY occurred_at DESC LIMIT 1`, [caseworkerA.id]);
    expect(rows[0].details).toEqual({ by: 'name', found: found.length, namesShown: found.length });
    const all = JSON.stringify(await (await db()).query(`SELECT details, resource_id FROM audit_events`));
    for (const needle of ['Mamedov', 'mamedov', 'Мамедов', 'Elvin', 'alvin']) expect(all).not.toContain(needle);
    for (const needle of [term, 'Эльвин', 'Mamedov', 'Мамедов', 'Mammadov']) expect(logs.text).not.toContain(needle);
  });

  it('refuses a search it cannot run (one word, no body, wrong type) with 400 and no audit', async () => {
    const [{ n: before }] = await (await db()).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.searched'`);
    const oneWord = await call('POST', '/api/v1/cases/search', caseworkerA, { name: 'Mammadov' });
    expect(oneWord.statusCode).toBe(400);
    expect(oneWord.json()).toMatchObject({ type: 'urn:corridor:problem:search-name-too-short', errors: [{ pointer: '/name' }] });
    expect(oneWord.body).not.toContain('Mammadov');
    expect((await call('POST', '/api/v1/cases/search', caseworkerA, { name: 42 })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/cases/search', caseworkerA, {})).statusCode).toBe(400);
    expect(await (await db()).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.searched'`)).toEqual([{ n: before }]);
  });

  /** BOLA: every way of listing, for a caseworker, leaves out other caseworkers' cases and names. */
  const BOLA: ReadonlyArray<readonly [string, 'GET' | 'POST', string, object | undefined]> = [
    ['list', 'GET', '/api/v1/cases?limit=100', undefined],
    ['list, closed included', 'GET', '/api/v1/cases?limit=100&includeClosed=true', undefined],
    ['list filtered on the other caseworker', 'GET', '/api/v1/cases?assignee=:other', undefined],
    ['list of possible duplicates', 'GET', '/api/v1/cases?possibleDuplicate=true', undefined],
    ['list by country', 'GET', '/api/v1/cases?originCountry=AZ', undefined],
    ['search for a shared name', 'POST', '/api/v1/cases/search', { name: 'Elvin Mammadov' }],
    ["search for the other caseworker's person", 'POST', '/api/v1/cases/search', { name: 'Gulnara Huseynova' }],
    ['search filtered on the other caseworker', 'POST', '/api/v1/cases/search', { name: 'Elvin Mammadov', assignee: ':other' }],
  ];
  it.each(BOLA)('%s: a caseworker never receives names or references of cases outside their scope', async (_label, method, url, body) => {
    const other = (text: string) => text.replace(':other', caseworkerB.id);
    const payload = body ? JSON.parse(other(JSON.stringify(body))) : undefined;
    const response = await call(method, other(url), caseworkerA, payload);
    expect(response.statusCode).toBe(200);
    for (const key of ['bSame', 'bOther']) expect(response.body).not.toContain(refs[key]);
    for (const needle of ['Məmmədov', 'Gülnarə', 'Hüseynova']) expect(response.body).not.toContain(needle);
    const reads = await (
      await db()
    ).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.read' AND actor_id = $1 AND resource_id = ANY($2)`, [
      caseworkerA.id,
      [refs.bSame, refs.bOther],
    ]);
    expect(reads).toEqual([{ n: 0 }]);
  });

  it('filters: possible duplicate, assigned to me, stage, overdue check-in; shows escalations and days left in the safe country', async () => {
    const flagged: ListItem[] = (await call('GET', '/api/v1/cases?possibleDuplicate=true&limit=100', caseworkerA)).json().items;
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((item) => item.possibleDuplicate)).toBe(true);
    const notFlagged: ListItem[] = (await call('GET', '/api/v1/cases?possibleDuplicate=false&limit=100', caseworkerA)).json().items;
    expect(notFlagged.every((item) => !item.possibleDuplicate)).toBe(true);
    expect(referenceOf(await search(caseworkerA, 'Elvin Mammadov', { mine: true }))).toHaveLength(3);
    expect((await call('GET', '/api/v1/cases?mine=true', coordinator)).json().items).toEqual([]);
    expect((await call('GET', '/api/v1/cases?stage=TRIAGED', caseworkerA)).json().items).toEqual([]);

    // An escalation and a safe-country stay on one case.
    expect((await call('POST', `/api/v1/cases/${refs.unrelated}/escalations`, caseworkerA, { level: 1 })).statusCode).toBe(201);
    expect((await call('POST', `/api/v1/cases/${refs.unrelated}/stays`, caseworkerA, { hostCountry: 'GE', entryDate: '2026-11-21' })).statusCode).toBe(201);
    const row = (await search(caseworkerA, 'Nigar Qasımova'))[0]!;
    expect(row.openEscalations).toBe(1);
    // AZ citizens in Georgia: 365 days, entry day counted: 365 − 10 days already spent.
    expect(row.stay).toEqual({ country: 'GE', daysLeft: 355 });
    expect(row.nextCheckin).toMatchObject({ overdue: false });

    expect((await call('GET', '/api/v1/cases?checkinOverdue=true', caseworkerA)).json().items).toEqual([]);
    clock.advance(new Date(row.nextCheckin!.dueAt).getTime() - clock.nowMs() + 60_000);
    const overdue: ListItem[] = (await call('GET', '/api/v1/cases?checkinOverdue=true&limit=100', caseworkerA)).json().items;
    expect(overdue.map((item) => item.reference)).toContain(refs.unrelated);
    expect(overdue.every((item) => item.nextCheckin?.overdue === true)).toBe(true);
  });

  it('leaves no searched or listed name in plaintext in the database', async () => {
    const hits = await scanDatabaseForPlaintext(await db(), [
      'Mammadov',
      'Mamedov',
      'Мамедов',
      'Эльвин',
      'Elvin',
      'Qasımova',
      'Gasimova',
      'Hüseynova',
      'Huseynova',
      'Leyla',
    ]);
    expect(hits).toEqual([]);
  });
});
