import type { TestApp } from '../support/test-context';

/**
 * A `fetch` for the generated clients (openapi-fetch) that answers through the application's
 * `inject`, so a typed client drives the real routes without a listening socket.
 */
export function injectFetch(app: TestApp): (input: Request) => Promise<Response> {
  return async (input: Request): Promise<Response> => {
    const url = new URL(input.url);
    const body = input.body ? await input.text() : undefined;
    const answer = await app.http!.inject({
      method: input.method as 'GET',
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(input.headers.entries()),
      ...(body === undefined ? {} : { payload: body }),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) headers.set(name, String(value));
    return new Response(answer.statusCode === 204 ? null : answer.rawPayload, { status: answer.statusCode, headers });
  };
}
