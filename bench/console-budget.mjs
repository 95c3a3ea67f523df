// `node bench/console-budget.mjs [--size-only]`: the staff console's budgets, measured on the
// built dist/ (run `npm run build` first). Prints figures; never fails on them.
//   - initial JavaScript (what index.html loads before the first screen), gzip: budget ≤ 300 KB
//   - the stylesheet, gzip (no budget; for the record)
//   - what the API process holds in memory to serve the console (every file, uncompressed)
//   - the caseload page of 50 cases interactive after sign-in, in Chromium: budget ≤ 1.5 s
//     (from the sign-in answer to a 50-row table whose controls answer, the user going straight
//     to "My caseload"; beside it the sign-in request itself, the whole from the click, the
//     in-app navigation alone and a cold reload that restores the session from its cookie)
//   - the RSS the console adds to the API process: budget ≤ 20 MB (the same API process started
//     with and without CONSOLE_DIR, driven through the same API calls, plus serving the console
//     in the first; the difference of the medians of a few RSS samples)
// The browser and RSS parts start the service (production mode, role `api`) on a database of
// their own (dropped at the end) with the local PostgreSQL and Redis, and need /usr/bin/chromium
// (CHROMIUM_PATH). The machine is shared: every figure carries the load average it was taken at.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import * as lib from './lib.mjs';

const root = join(lib.root, 'dist', 'console');
const index = readFileSync(join(root, 'index.html'), 'utf8');
const referenced = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
const gzipKb = (path) => gzipSync(readFileSync(join(root, path))).length / 1024;
const scripts = referenced.filter((path) => path.endsWith('.js'));
const styles = referenced.filter((path) => path.endsWith('.css'));
const js = scripts.reduce((sum, path) => sum + gzipKb(path), 0);
const css = styles.reduce((sum, path) => sum + gzipKb(path), 0);
let held = 0;
const assets = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else {
      held += statSync(path).size;
      assets.push(path.slice(root.length).replace(/\\/g, '/'));
    }
  }
};
walk(root);
console.log(`console initial JavaScript: ${js.toFixed(1)} KB gzip in ${scripts.length} file(s) (budget ≤ 300 KB: ${js <= 300 ? 'met' : 'NOT met'})`);
console.log(`console stylesheet: ${css.toFixed(1)} KB gzip`);
console.log(`console files held in the API process's memory: ${(held / 1024 / 1024).toFixed(2)} MB`);
if (process.argv.includes('--size-only')) process.exit(0);

const require = createRequire(import.meta.url);
const { totpCode, totpStep, base32Decode } = require(join(lib.root, 'dist/src/modules/staff/totp.js'));
const { chromium } = await import('playwright-core');

const median = (values) => lib.percentile(values, 50);
const load = () => lib.loadNow().toFixed(2);

/** A caseworker with a password and authenticator secret (the browser signs in as a person does). */
async function caseworker(base, env) {
  const adminToken = await lib.seedAdmin(base, env);
  const email = 'budget-caseworker@example.org';
  const invited = await lib.post(base, '/api/v1/admin/staff', { email, roles: ['caseworker'] }, adminToken);
  const password = 'budget caseworker long passphrase 7';
  const { secret } = await lib.post(base, '/api/v1/auth/enrolment', { token: invited.enrolmentToken, password });
  const key = base32Decode(secret);
  let lastStep = totpStep(Date.now());
  await lib.post(base, '/api/v1/auth/enrolment/confirm', { token: invited.enrolmentToken, code: totpCode(key, lastStep) });
  /** A code for a step the server has not seen (it refuses a step at or before the last used). */
  const nextCode = async () => {
    for (;;) {
      const now = totpStep(Date.now());
      const step = [now - 1, now, now + 1].find((candidate) => candidate > lastStep);
      if (step !== undefined) {
        lastStep = step;
        return totpCode(key, step);
      }
      await lib.sleep(1000);
    }
  };
  const token = (await lib.post(base, '/api/v1/auth/login', { email, password, code: await nextCode() })).accessToken;
  return { email, password, nextCode, token };
}

/** Sign-in → caseload of 50 interactive, then warm navigation and cold reload, `runs` times. */
async function measureCaseload(base, account, runs) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
  });
  const figures = { signIn: [], afterSignIn: [], fromClick: [], navigation: [], reload: [] };
  try {
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      const interactive = async () => {
        await page.locator('table tbody tr').nth(49).waitFor({ state: 'visible', timeout: 30_000 });
        await page.getByRole('button', { name: 'Next page' }).waitFor({ state: 'visible' });
        // The main thread answers: a click handler runs and the page paints again.
        await page.evaluate(() => new Promise((resolve) => globalThis.requestAnimationFrame(() => setTimeout(resolve, 0))));
      };
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('Email').fill(account.email);
      await page.getByLabel(/^Password/).fill(account.password);
      await page.getByLabel('Authenticator code').fill(await account.nextCode());
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/browser/login')).then(() => Date.now());
      const clickedAt = Date.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'My caseload', exact: true }).click();
      await interactive();
      const doneAt = Date.now();
      const signedInAt = await answered;
      figures.signIn.push(signedInAt - clickedAt);
      figures.afterSignIn.push(doneAt - signedInAt);
      figures.fromClick.push(doneAt - clickedAt);

      await page.getByRole('link', { name: /^Today/ }).click();
      await page.getByRole('heading', { name: 'Today' }).waitFor();
      const navigatedAt = Date.now();
      await page.getByRole('link', { name: 'My caseload', exact: true }).click();
      await interactive();
      figures.navigation.push(Date.now() - navigatedAt);

      const reloadedAt = Date.now();
      await page.reload();
      await interactive();
      figures.reload.push(Date.now() - reloadedAt);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return {
    signIn: median(figures.signIn),
    afterSignIn: median(figures.afterSignIn),
    fromClick: median(figures.fromClick),
    navigation: median(figures.navigation),
    reload: median(figures.reload),
    all: figures,
  };
}

/** The API's RSS after the same work, median of samples a second apart. */
async function settledRss(pid, samples = 5) {
  await lib.sleep(2000);
  const values = [];
  for (let i = 0; i < samples; i += 1) {
    values.push(lib.rssMb(pid));
    await lib.sleep(1000);
  }
  return median(values);
}

/** The same API calls in both variants; the console's files too where it is served. */
async function exercise(base, token, withConsole) {
  for (let i = 0; i < 20; i += 1) {
    await fetch(`${base}/api/v1/cases?mine=true&limit=50`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.arrayBuffer());
    await fetch(`${base}/api/v1/me/tasks`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.arrayBuffer());
    if (withConsole)
      for (const path of ['/', ...assets.filter((asset) => asset.startsWith('/assets/'))])
        await fetch(`${base}${path}`, { headers: { accept: path === '/' ? 'text/html' : '*/*' } }).then((response) => response.arrayBuffer());
  }
}

const database = lib.benchDatabase('console_budget');
const baseEnv = lib.serviceEnv(database, 0);
lib.prepareDatabase(database, baseEnv);
const keys = { CORRIDOR_MASTER_KEY: baseEnv.CORRIDOR_MASTER_KEY, CORRIDOR_INDEX_KEY: baseEnv.CORRIDOR_INDEX_KEY };
try {
  // The browser figures: seed 50 cases, sign in and open the caseload three times.
  const browserEnv = { ...lib.serviceEnv(database, await lib.freePort()), ...keys, CONSOLE_DIR: root };
  let service = await lib.startService(browserEnv);
  let account;
  try {
    account = await caseworker(service.base, browserEnv);
    await lib.seedCases(service.base, account.token, 50);
    const loadBefore = load();
    const caseload = await measureCaseload(service.base, account, 3);
    console.log(
      `caseload of 50 interactive after sign-in (from the sign-in answer): median ${caseload.afterSignIn} ms (budget ≤ 1500 ms: ${caseload.afterSignIn <= 1500 ? 'met' : 'NOT met'}); ` +
        `the sign-in request itself ${caseload.signIn} ms (argon2id at production cost), from the click ${caseload.fromClick} ms; ` +
        `in-app navigation Today → caseload ${caseload.navigation} ms; cold reload (session from the cookie) ${caseload.reload} ms; runs ${JSON.stringify(caseload.all)}; load ${loadBefore} → ${load()}`,
    );
  } finally {
    await lib.stopService(service.child);
  }
  // The RSS: fresh processes, alternately with and without CONSOLE_DIR, each driven through the
  // same API calls (and serving the console's files where there is one).
  const rss = { with: [], without: [] };
  for (let pair = 0; pair < 2; pair += 1) {
    for (const withConsole of [true, false]) {
      service = await lib.startService({ ...lib.serviceEnv(database, await lib.freePort()), ...keys, CONSOLE_DIR: withConsole ? root : '' });
      try {
        const token = (await lib.post(service.base, '/api/v1/auth/login', { email: account.email, password: account.password, code: await account.nextCode() }))
          .accessToken;
        await exercise(service.base, token, withConsole);
        rss[withConsole ? 'with' : 'without'].push(await settledRss(service.child.pid));
      } finally {
        await lib.stopService(service.child);
      }
    }
  }
  const added = median(rss.with) - median(rss.without);
  console.log(
    `API RSS with the console ${median(rss.with)} MB ${JSON.stringify(rss.with)}, without ${median(rss.without)} MB ${JSON.stringify(rss.without)}: ` +
      `the console adds ${added} MB (budget ≤ 20 MB: ${added <= 20 ? 'met' : 'NOT met'}); load ${load()}`,
  );
  console.log(`machine: ${lib.machine()}`);
} finally {
  lib.psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}
