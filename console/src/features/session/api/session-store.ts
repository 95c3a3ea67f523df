import { useSyncExternalStore } from 'react';

/**
 * Who is signed in, held in memory only: never in localStorage, sessionStorage, IndexedDB or a
 * cookie the page can read. The refresh token lives in the HttpOnly cookie of the browser login
 * mode (`/api/v1/auth/browser/*`), which the page cannot read; a reload restores the session
 * from it.
 */
export interface Session {
  /** Known when the user typed it in this page; null after a reload restored the session. */
  email: string | null;
  accessToken: string;
  accessTokenExpiresAt: string;
}

/** Who the session belongs to (GET /api/v1/me), for the header and a re-authentication's check. */
export interface Profile {
  id: string;
  displayName: string | null;
  roles: readonly string[];
  permissions: readonly string[];
}

/** The console's visible state: working, locked (idle or "hide now"), or hidden behind a neutral page. */
export type Screen = { kind: 'open' } | { kind: 'locked'; email: string | null; returnTo: string } | { kind: 'hidden'; email: string | null; returnTo: string };

interface State {
  session: Session | null;
  profile: Profile | null;
  screen: Screen;
  /** An API call met 401: the session ended under a page that stays as it is until the user signs in again. */
  reauthenticating: boolean;
  /** The last request failed for want of a network (cleared by the next answer). */
  offline: boolean;
}

let state: State = { session: null, profile: null, screen: { kind: 'open' }, reauthenticating: false, offline: false };
const listeners = new Set<() => void>();

function update(next: Partial<State>): void {
  if (Object.entries(next).every(([key, value]) => state[key as keyof State] === value)) return;
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const accessToken = (): string | null => state.session?.accessToken ?? null;
export const currentSession = (): Session | null => state.session;
export const currentProfile = (): Profile | null => state.profile;
export const currentScreen = (): Screen => state.screen;

export const setSession = (session: Session | null): void => update(session ? { session } : { session: null, profile: null, reauthenticating: false });
export const setProfile = (profile: Profile | null): void => update({ profile });
export const setScreen = (screen: Screen): void => update({ screen });
export const setReauthenticating = (reauthenticating: boolean): void => update({ reauthenticating });
export const setOffline = (offline: boolean): void => update({ offline });

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, () => state.session);
}

export function useProfile(): Profile | null {
  return useSyncExternalStore(subscribe, () => state.profile);
}

export function useScreen(): Screen {
  return useSyncExternalStore(subscribe, () => state.screen);
}

export function useReauthenticating(): boolean {
  return useSyncExternalStore(subscribe, () => state.reauthenticating);
}

export function useOffline(): boolean {
  return useSyncExternalStore(subscribe, () => state.offline);
}
