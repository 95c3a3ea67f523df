import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen';
import { NetworkProblem, toProblem } from './problem';
import { accessToken, setOffline } from '../features/session/api/session-store';

/**
 * The one way the console talks to the API: openapi-fetch typed by the generated contract. The
 * access token is added from memory; answers are never cached by the browser; an error answer
 * becomes an ApiProblem thrown to the caller (query hooks show it), a failed network a
 * NetworkProblem.
 *
 * When a call that carried the access token is answered 401 (the session ended or the token
 * expired), the request waits: the session is recovered (a silent refresh from the HttpOnly
 * cookie, else the user signs in again in place — see ReauthModal) and the request is sent
 * once more with the new token. The page under it is never unmounted, so a half-filled form
 * keeps what was typed.
 */

/** Recovers a session after a 401: true once a new access token is in memory. */
type Recovery = () => Promise<boolean>;
let recover: Recovery = () => Promise.resolve(false);

/** The session module says how a session is recovered (kept out of here to avoid an import cycle). */
export function setSessionRecovery(recovery: Recovery): void {
  recover = recovery;
}

/** The browser login mode's routes prove they come from our page with this header (CSRF defence). */
export const CSRF_HEADERS = { 'x-corridor-csrf': '1' } as const;

const withToken = (request: Request, token: string | null): Request => {
  if (token) request.headers.set('authorization', `Bearer ${token}`);
  return request;
};

// This module is the generated client: it alone may call fetch.
/* eslint-disable no-restricted-globals */
async function sessionFetch(input: Request): Promise<Response> {
  const token = accessToken();
  const authorised = token !== null && !input.headers.has('authorization');
  // A second copy for the one retry (a body can be read once).
  const spare = authorised ? input.clone() : null;
  const response = await fetch(authorised ? withToken(input, token) : input);
  setOffline(false);
  if (response.status !== 401 || !spare || new URL(spare.url).pathname.startsWith('/api/v1/auth/')) return response;
  if (!(await recover())) return response;
  return fetch(withToken(spare, accessToken()));
}
/* eslint-enable no-restricted-globals */

const problems: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return response;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => undefined);
    throw toProblem(response.status, body, response.headers.get('retry-after'));
  },
  onError({ error }) {
    // A request the page itself cancelled (a query no longer needed) is not a lost network.
    if (error instanceof DOMException && error.name === 'AbortError') return error;
    setOffline(true);
    return new NetworkProblem();
  },
};

export const api = createClient<paths>({ baseUrl: '', cache: 'no-store', credentials: 'same-origin', fetch: sessionFetch });
api.use(problems);
