// An in-memory stand-in for the regional endpoint (the real one is tested in tests/server and
// end to end): enough of the documented API to exercise the outbox, with failure injection.
import { createHash } from 'node:crypto';

type Failure = number | 'network' | 'hang';

export interface FakeEndpoint {
  fetch: typeof fetch;
  requests: string[];
  photos: Map<string, Uint8Array>;
  reports: Map<string, { revision: number; body: string; protocol: string; status: string }>;
  /** the next `times` requests matching `match` (e.g. "PUT /api/v1/reports") fail this way */
  fail(match: string, failure: Failure, times?: number, headers?: Record<string, string>): void;
  /** runs before answering a request (e.g. to abort a drain in the middle) */
  onRequest?: (line: string) => void;
  summaries: Map<string, Record<string, unknown>>;
}

export function createFakeEndpoint(token = 'tok'): FakeEndpoint {
  const failures: { match: string; failure: Failure; times: number; headers?: Record<string, string> }[] = [];
  let seq = 0;
  const ep: FakeEndpoint = {
    requests: [],
    photos: new Map(),
    reports: new Map(),
    summaries: new Map(),
    fail(match, failure, times = 1, headers) {
      failures.push({ match, failure, times, headers });
    },
    fetch: (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://endpoint.test');
      const method = init.method ?? 'GET';
      const line = `${method} ${url.pathname}`;
      ep.requests.push(line);
      ep.onRequest?.(line);
      init.signal?.throwIfAborted();
      const f = failures.find((x) => x.times > 0 && line.startsWith(x.match));
      if (f) {
        f.times--;
        if (f.failure === 'network') throw new TypeError('Failed to fetch');
        if (f.failure === 'hang') {
          return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason ?? new DOMException('aborted', 'AbortError'))));
        }
        return json(f.failure, { error: { code: `e${f.failure}`, message: `Falha simulada ${f.failure}` } }, f.headers);
      }
      if ((init.headers as Record<string, string>)?.authorization !== `Bearer ${token}`) {
        return json(401, { error: { code: 'unauthenticated', message: 'Entre novamente.' } });
      }
      const [, , , kind, id] = url.pathname.split('/');
      if (kind === 'photos' && method === 'POST' && id === 'missing') {
        const asked: string[] = JSON.parse(String(init.body)).sha256;
        if (!Array.isArray(asked) || asked.length < 1 || asked.length > 200) return json(400, { error: { code: 'invalid_request', message: 'lista' } });
        return json(200, { missing: [...new Set(asked)].filter((s) => !ep.photos.has(s)) });
      }
      if (kind === 'photos') {
        if (method === 'HEAD') return new Response(null, { status: ep.photos.has(id) ? 200 : 404 });
        const bytes = new Uint8Array(await new Response(init.body as BodyInit).arrayBuffer());
        if (createHash('sha256').update(bytes).digest('hex') !== id) return json(400, { error: { code: 'hash_mismatch', message: 'hash' } });
        const existed = ep.photos.has(id);
        ep.photos.set(id, bytes);
        return json(existed ? 200 : 201, { sha256: id });
      }
      if (kind === 'reports' && method === 'PUT') {
        const body = String(init.body);
        const sub = JSON.parse(body);
        const missing = sub.actions.flatMap((a: { photos: { sha256: string }[] }) => a.photos.map((p) => p.sha256)).filter((s: string) => !ep.photos.has(s));
        if (missing.length) return json(409, { error: { code: 'missing_photos', message: 'Fotos ausentes', missing } });
        const prev = ep.reports.get(id);
        if (prev && prev.revision === sub.revision) {
          if (prev.body !== body) return json(409, { error: { code: 'revision_conflict', message: 'conflito' } });
          return json(200, receipt(id, prev));
        }
        if (prev && prev.revision > sub.revision) return json(409, { error: { code: 'revision_conflict', message: 'revisão antiga' } });
        const row = { revision: sub.revision, body, protocol: prev?.protocol ?? `MG-${sub.period}-${sub.municipalityCode}-${String(++seq).padStart(4, '0')}`, status: 'received' };
        ep.reports.set(id, row);
        return json(201, receipt(id, row));
      }
      if (kind === 'reports' && method === 'GET') {
        const rows = [...ep.reports.entries()].map(([rid, r]) => ({
          id: rid, municipalityCode: '3106200', period: '2026-11', revision: r.revision, protocol: r.protocol, status: r.status,
          receivedAt: '2026-11-20T12:00:00.000Z', actionCount: 1, photoCount: 1, lastReview: null, ...ep.summaries.get(rid),
        }));
        return json(200, { reports: rows });
      }
      return json(404, { error: { code: 'not_found', message: 'não encontrado' } });
    }) as typeof fetch,
  };
  return ep;
}

function receipt(id: string, r: { revision: number; protocol: string; status: string }) {
  return { id, revision: r.revision, protocol: r.protocol, receivedAt: '2026-11-20T12:00:00.000Z', status: r.status };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
