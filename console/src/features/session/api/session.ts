import type { QueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import { currentSession, setScreen, setSession, type Session } from './session-store';

/**
 * Sign-in, silent refresh and sign-out. The answers' fields are read at run time because the
 * contract does not describe these answers yet (docs/openapi.json); the request bodies are typed
 * by the generated client.
 */
interface Tokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string | null;
}

function readTokens(data: unknown): Tokens {
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const { accessToken, accessTokenExpiresAt, refreshToken } = record;
  if (typeof accessToken !== 'string' || typeof accessTokenExpiresAt !== 'string') throw new Error('unexpected sign-in answer');
  return { accessToken, accessTokenExpiresAt, refreshToken: typeof refreshToken === 'string' ? refreshToken : null };
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** Refreshes the access token a minute before it expires, for as long as the session lasts. */
function scheduleRefresh(session: Session): void {
  clearTimeout(refreshTimer);
  const due = Date.parse(session.accessTokenExpiresAt) - Date.now() - 60_000;
  refreshTimer = setTimeout(() => void refresh(), Math.max(due, 5_000));
}

function start(email: string, tokens: Tokens): Session {
  const session: Session = { email, ...tokens };
  setSession(session);
  scheduleRefresh(session);
  return session;
}

export async function signIn(input: { email: string; password: string; code: string }): Promise<Session> {
  const { data } = await api.POST('/api/v1/auth/login', { body: input });
  const session = start(input.email, readTokens(data));
  setScreen({ kind: 'open' });
  return session;
}

export async function refresh(): Promise<void> {
  const session = currentSession();
  if (!session?.refreshToken) return;
  try {
    const { data } = await api.POST('/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    start(session.email, readTokens(data));
  } catch {
    // The session ended on the server (revoked, expired, lockdown): forget it here too.
    forget();
  }
}

function forget(): void {
  clearTimeout(refreshTimer);
  setSession(null);
}

/**
 * Ends the session on the server (best effort: the page forgets it either way) and removes every
 * cached answer, so no case data outlives it in memory.
 */
export async function signOut(queryClient: QueryClient): Promise<void> {
  const session = currentSession();
  forget();
  queryClient.clear();
  if (session) {
    await api
      .POST('/api/v1/auth/logout', { headers: { authorization: `Bearer ${session.accessToken}` } })
      .catch(() => undefined);
  }
}

/** Idle lock and "hide now": the session ends and the data goes; the password brings the user back. */
export async function lock(queryClient: QueryClient, kind: 'locked' | 'hidden', returnTo: string): Promise<void> {
  const email = currentSession()?.email ?? null;
  if (kind === 'hidden') setScreen({ kind: 'hidden', email, returnTo });
  else if (email) setScreen({ kind: 'locked', email, returnTo });
  await signOut(queryClient);
}

export interface EnrolmentChallenge {
  otpauthUri: string;
  secret: string;
}

export async function beginEnrolment(token: string, password: string): Promise<EnrolmentChallenge> {
  const { data } = await api.POST('/api/v1/auth/enrolment', { body: { token, password } });
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (typeof record.otpauthUri !== 'string' || typeof record.secret !== 'string') throw new Error('unexpected enrolment answer');
  return { otpauthUri: record.otpauthUri, secret: record.secret };
}

export async function confirmEnrolment(token: string, code: string): Promise<void> {
  await api.POST('/api/v1/auth/enrolment/confirm', { body: { token, code } });
}
