import type { QueryClient } from '@tanstack/react-query';
import { api, CSRF_HEADERS, setSessionRecovery } from '@console/api/client';
import type { components } from '@console/api/schema.gen';
import i18n, { LANGUAGES, type Language } from '@console/i18n/i18n';
import { currentProfile, currentScreen, currentSession, setProfile, setReauthenticating, setScreen, setSession, type Session } from './session-store';

/**
 * Sign-in, silent refresh and sign-out in the API's browser login mode (`/api/v1/auth/browser/*`):
 * the refresh token is an HttpOnly, SameSite=Strict cookie scoped to those routes, which this
 * page can neither read nor leak; the access token comes back in the answer and stays in memory.
 * Every call there carries `X-Corridor-CSRF: 1`. A reload restores the session from the cookie;
 * sign-out ends it on the server, which clears the cookie.
 */
type Tokens = components['schemas']['BrowserSessionView'];
export type Me = components['schemas']['MeView'];

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
/** One refresh at a time: the cookie rotates on every use, and a spent one ends the session. */
let refreshing: Promise<Session | null> | null = null;

/** Refreshes the access token a minute before it expires, for as long as the session lasts. */
function scheduleRefresh(session: Session): void {
  clearTimeout(refreshTimer);
  const due = Date.parse(session.accessTokenExpiresAt) - Date.now() - 60_000;
  refreshTimer = setTimeout(() => void refresh(), Math.max(due, 5_000));
}

function start(email: string | null, tokens: Tokens): Session {
  const session: Session = { email, accessToken: tokens.accessToken, accessTokenExpiresAt: tokens.accessTokenExpiresAt };
  setSession(session);
  scheduleRefresh(session);
  return session;
}

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** Who I am, and my preferred language applied to the whole console. */
async function loadProfile(): Promise<Me | null> {
  try {
    const { data } = await api.GET('/api/v1/me');
    if (!data) return null;
    setProfile({ id: data.id, displayName: data.displayName, roles: data.roles, permissions: data.permissions });
    if (isLanguage(data.preferredLanguage) && i18n.language !== data.preferredLanguage) await i18n.changeLanguage(data.preferredLanguage);
    return data;
  } catch {
    // The console works in the browser's language until the profile can be read.
    return null;
  }
}

export async function signIn(input: { email: string; password: string; code: string }): Promise<Session> {
  const { data } = await api.POST('/api/v1/auth/browser/login', { body: input, params: { header: CSRF_HEADERS } });
  if (!data) throw new Error('unexpected sign-in answer');
  const previous = currentProfile()?.id ?? null;
  const session = start(input.email, data);
  const me = await loadProfile();
  setScreen({ kind: 'open' });
  finishReauthentication(me !== null && (previous === null || previous === me.id));
  return session;
}

/** A new access token from the refresh cookie; null (and the session forgotten) when it has ended. */
export function refresh(): Promise<Session | null> {
  refreshing ??= (async () => {
    try {
      const { data } = await api.POST('/api/v1/auth/browser/refresh', { params: { header: CSRF_HEADERS } });
      if (!data) throw new Error('unexpected refresh answer');
      return start(currentSession()?.email ?? null, data);
    } catch {
      // The session ended on the server (revoked, expired, lockdown) or cannot be reached.
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

let restored: Promise<Session | null> | null = null;

/**
 * The session, restored once per page load from the refresh cookie (after a reload), with the
 * user's language applied before the first signed-in page renders.
 */
export function ensureSession(): Promise<Session | null> {
  const session = currentSession();
  if (session) return Promise.resolve(session);
  if (currentScreen().kind !== 'open') return Promise.resolve(null);
  restored ??= (async () => {
    const found = await refresh();
    if (found) await loadProfile();
    return found;
  })();
  return restored.then(() => currentSession());
}

function forget(): void {
  clearTimeout(refreshTimer);
  setSession(null);
  finishReauthentication(false);
}

/**
 * Ends the session on the server (best effort: the page forgets it either way; the cookie is
 * cleared by the answer) and removes every cached answer, so no case data outlives it in memory.
 */
export async function signOut(queryClient: QueryClient): Promise<void> {
  forget();
  queryClient.clear();
  await api.POST('/api/v1/auth/browser/logout', { params: { header: CSRF_HEADERS } }).catch(() => undefined);
}

/** Idle lock and "hide now": the session ends and the data goes; the password brings the user back. */
export async function lock(queryClient: QueryClient, kind: 'locked' | 'hidden', returnTo: string): Promise<void> {
  const email = currentSession()?.email ?? null;
  if (kind === 'hidden') setScreen({ kind: 'hidden', email, returnTo });
  else setScreen({ kind: 'locked', email, returnTo });
  await signOut(queryClient);
}

/** The user's language, saved to the profile (PATCH /api/v1/me) and applied at once. */
export async function saveLanguage(language: Language): Promise<void> {
  const before = i18n.language;
  await i18n.changeLanguage(language);
  try {
    await api.PATCH('/api/v1/me', { body: { preferredLanguage: language } });
  } catch (error) {
    await i18n.changeLanguage(before);
    throw error;
  }
}

/** My display name (sealed by the server). */
export async function saveDisplayName(displayName: string): Promise<void> {
  await api.PATCH('/api/v1/me', { body: { displayName } });
  await loadProfile();
}

// Re-authentication in place: requests that met 401 wait here until the user signs in again.
let waiting: Array<(ok: boolean) => void> = [];

function finishReauthentication(ok: boolean): void {
  const resolvers = waiting;
  waiting = [];
  setReauthenticating(false);
  for (const resolve of resolvers) resolve(ok);
}

/** After a 401: a silent refresh first, else the sign-in dialog over the page (the page stays). */
async function recoverSession(): Promise<boolean> {
  if (!currentSession()) return false;
  if (await refresh()) return true;
  if (!currentSession()) return false;
  return new Promise<boolean>((resolve) => {
    waiting.push(resolve);
    setReauthenticating(true);
  });
}

setSessionRecovery(recoverSession);

/** The user gave up re-authenticating: the page goes, as with sign-out. */
export async function abandonSession(queryClient: QueryClient): Promise<void> {
  await signOut(queryClient);
}

export type EnrolmentChallenge = components['schemas']['EnrolmentChallengeView'];

export async function beginEnrolment(token: string, password: string): Promise<EnrolmentChallenge> {
  const { data } = await api.POST('/api/v1/auth/enrolment', { body: { token, password } });
  if (!data) throw new Error('unexpected enrolment answer');
  return data;
}

export async function confirmEnrolment(token: string, code: string): Promise<void> {
  await api.POST('/api/v1/auth/enrolment/confirm', { body: { token, code } });
}
