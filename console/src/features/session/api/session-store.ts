import { useSyncExternalStore } from 'react';

/**
 * Who is signed in, held in memory only: never in localStorage, sessionStorage, IndexedDB or a
 * cookie the page can read. A reload forgets it (the browser session cookie restores it once the
 * API's browser login mode is in use).
 */
export interface Session {
  email: string;
  accessToken: string;
  accessTokenExpiresAt: string;
  /** Held in memory while the API hands it out in the body; null once it lives in an HttpOnly cookie. */
  refreshToken: string | null;
}

/** The console's visible state: working, locked (idle or "hide now"), or hidden behind a neutral page. */
export type Screen = { kind: 'open' } | { kind: 'locked'; email: string; returnTo: string } | { kind: 'hidden'; email: string | null; returnTo: string };

interface State {
  session: Session | null;
  screen: Screen;
}

let state: State = { session: null, screen: { kind: 'open' } };
const listeners = new Set<() => void>();

function update(next: Partial<State>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const accessToken = (): string | null => state.session?.accessToken ?? null;
export const currentSession = (): Session | null => state.session;
export const currentScreen = (): Screen => state.screen;

export const setSession = (session: Session | null): void => update({ session });
export const setScreen = (screen: Screen): void => update({ screen });

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, () => state.session);
}

export function useScreen(): Screen {
  return useSyncExternalStore(subscribe, () => state.screen);
}
