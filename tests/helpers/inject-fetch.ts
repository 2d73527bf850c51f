import type { FastifyInstance } from 'fastify';

/** A fetch that reaches the real endpoint through Fastify's inject() (no sockets). */
export function fetchVia(app: FastifyInstance): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://endpoint.test');
    const body = init.body === undefined || init.body === null ? undefined
      : typeof init.body === 'string' ? init.body : Buffer.from(await new Response(init.body as BodyInit).arrayBuffer());
    const res = await app.inject({ method: (init.method ?? 'GET') as 'GET', url: url.pathname + url.search, headers: init.headers as Record<string, string>, payload: body });
    const empty = res.rawPayload.length === 0 || init.method === 'HEAD' || res.statusCode === 204;
    return new Response(empty ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers: res.headers as Record<string, string> });
  }) as typeof fetch;
}
