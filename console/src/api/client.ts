import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen';
import { NetworkProblem, toProblem } from './problem';
import { accessToken } from '../features/session/api/session-store';

/**
 * The one way the console talks to the API: openapi-fetch typed by the generated contract. The
 * access token is added from memory; answers are never cached by the browser; an error answer
 * becomes an ApiProblem thrown to the caller (query hooks show it).
 */
const auth: Middleware = {
  onRequest({ request }) {
    const token = accessToken();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => undefined);
    throw toProblem(response.status, body, response.headers.get('retry-after'));
  },
  onError() {
    return new NetworkProblem();
  },
};

export const api = createClient<paths>({ baseUrl: '', cache: 'no-store', credentials: 'same-origin' });
api.use(auth);
