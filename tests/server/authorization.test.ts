import { describe, expect, it } from 'vitest';
import { DRIVERS, fakeImage, submission, useEndpoint, type Account } from './helpers.ts';

type Who = 'agentA' | 'agentB' | 'agentC' | 'regionalBH' | 'regionalJF' | 'central';
const EVERYONE: Who[] = ['agentA', 'agentB', 'agentC', 'regionalBH', 'regionalJF', 'central'];

/**
 * The authorization matrix: every route × every kind of account. A = Belo Horizonte and B = Betim
 * (both regional unit Belo Horizonte), C = Juiz de Fora (regional unit Juiz de Fora).
 */
describe.each(DRIVERS)('authorization matrix on %s', (kind) => {
  const env = useEndpoint(kind);

  it('every route answers each role as documented', async () => {
    const acc: Record<Who, Account> = {
      agentA: await env.account('agente-a', 'agent', { municipalityCode: '3106200' }),
      agentB: await env.account('agente-b', 'agent', { municipalityCode: '3106705' }),
      agentC: await env.account('agente-c', 'agent', { municipalityCode: '3136702' }),
      regionalBH: await env.account('urs-bh', 'regional', { regional: 'Belo Horizonte' }),
      regionalJF: await env.account('urs-jf', 'regional', { regional: 'Juiz de Fora' }),
      central: await env.account('central', 'central'),
    };
    const a = await env.sendReport(acc.agentA);
    const c = await env.sendReport(acc.agentC);
    const photoA = a.body.actions[0].photos[0].sha256 as string;

    const status = async (who: Who, method: string, url: string, opts: { json?: unknown; image?: ReturnType<typeof fakeImage> } = {}) => {
      const res = opts.image
        ? await env.inject({ method: method as 'PUT', url, account: acc[who], payload: opts.image.bytes, headers: { 'content-type': 'image/jpeg' } })
        : await env.inject({ method: method as 'GET', url, account: acc[who], json: opts.json });
      return res.statusCode;
    };
    const expectMatrix = async (name: string, expected: Record<Who, number>, call: (who: Who) => Promise<number>) => {
      const got: Partial<Record<Who, number>> = {};
      for (const who of EVERYONE) got[who] = await call(who);
      expect(got, name).toEqual(expected);
    };

    await expectMatrix('GET /me', { agentA: 200, agentB: 200, agentC: 200, regionalBH: 200, regionalJF: 200, central: 200 },
      (w) => status(w, 'GET', '/api/v1/me'));
    await expectMatrix('HEAD /photos', { agentA: 200, agentB: 200, agentC: 200, regionalBH: 403, regionalJF: 403, central: 403 },
      (w) => status(w, 'HEAD', `/api/v1/photos/${photoA}`));
    await expectMatrix('POST /photos/missing', { agentA: 200, agentB: 200, agentC: 200, regionalBH: 403, regionalJF: 403, central: 403 },
      (w) => status(w, 'POST', '/api/v1/photos/missing', { json: { sha256: [photoA] } }));
    await expectMatrix('PUT /photos', { agentA: 201, agentB: 201, agentC: 201, regionalBH: 403, regionalJF: 403, central: 403 },
      (w) => { const image = fakeImage(); return status(w, 'PUT', `/api/v1/photos/${image.sha256}`, { image }); });
    await expectMatrix('GET /photos (report of A)', { agentA: 200, agentB: 403, agentC: 403, regionalBH: 200, regionalJF: 403, central: 200 },
      (w) => status(w, 'GET', `/api/v1/photos/${photoA}`));
    await expectMatrix('PUT /reports for municipality A', { agentA: 201, agentB: 403, agentC: 403, regionalBH: 403, regionalJF: 403, central: 403 },
      (w) => { const s = submission({ photos: [photoA], period: '2026-10' }); return status(w, 'PUT', `/api/v1/reports/${s.id}`, { json: s }); });
    await expectMatrix('GET /municipalities/{A}/reports', { agentA: 200, agentB: 403, agentC: 403, regionalBH: 200, regionalJF: 403, central: 200 },
      (w) => status(w, 'GET', '/api/v1/municipalities/3106200/reports'));
    await expectMatrix('GET /duplicates', { agentA: 403, agentB: 403, agentC: 403, regionalBH: 403, regionalJF: 403, central: 200 },
      (w) => status(w, 'GET', '/api/v1/duplicates'));
    await expectMatrix('POST /duplicates/{A}/resolve', { agentA: 403, agentB: 403, agentC: 403, regionalBH: 403, regionalJF: 403, central: 404 },
      (w) => status(w, 'POST', `/api/v1/duplicates/${a.body.id}/resolve`, { json: { resolution: 'discard' } }));
    await expectMatrix('PUT /reports/{A} rewritten as own municipality', { agentA: 403, agentB: 403, agentC: 403, regionalBH: 403, regionalJF: 403, central: 403 },
      (w) => {
        const s = { ...a.body, revision: 2, municipalityCode: acc[w].user.municipalityCode === '3106200' ? '3106705' : acc[w].user.municipalityCode ?? '3106200' };
        return status(w, 'PUT', `/api/v1/reports/${a.body.id}`, { json: s });
      });
    await expectMatrix('GET /reports/{A}', { agentA: 200, agentB: 403, agentC: 403, regionalBH: 200, regionalJF: 403, central: 200 },
      (w) => status(w, 'GET', `/api/v1/reports/${a.body.id}`));
    await expectMatrix('GET /reports/{C}', { agentA: 403, agentB: 403, agentC: 200, regionalBH: 403, regionalJF: 200, central: 200 },
      (w) => status(w, 'GET', `/api/v1/reports/${c.body.id}`));

    const visible: Partial<Record<Who, number>> = {};
    for (const w of EVERYONE) {
      const res = await env.inject({ method: 'GET', url: '/api/v1/reports', account: acc[w] });
      expect(res.statusCode).toBe(200);
      visible[w] = res.json().reports.length;
    }
    // agentA's matrix PUT above added A's October report.
    expect(visible).toEqual({ agentA: 2, agentB: 0, agentC: 1, regionalBH: 2, regionalJF: 1, central: 3 });

    await expectMatrix('POST /reports/{A}/reviews (return)', { agentA: 403, agentB: 403, agentC: 403, regionalBH: 201, regionalJF: 403, central: 409 },
      (w) => status(w, 'POST', `/api/v1/reports/${a.body.id}/reviews`, { json: { decision: 'return', comment: 'Corrigir a data.' } }));
    await expectMatrix('DELETE /auth/sessions/current', { agentA: 204, agentB: 204, agentC: 204, regionalBH: 204, regionalJF: 204, central: 204 },
      (w) => status(w, 'DELETE', '/api/v1/auth/sessions/current'));
  });

  it('every protected route answers 401 unauthenticated without a token', async () => {
    const id = crypto.randomUUID();
    const sha = 'e'.repeat(64);
    const routes: [string, string][] = [
      ['GET', '/api/v1/me'], ['DELETE', '/api/v1/auth/sessions/current'],
      ['POST', '/api/v1/photos/missing'], ['HEAD', `/api/v1/photos/${sha}`], ['PUT', `/api/v1/photos/${sha}`], ['GET', `/api/v1/photos/${sha}`],
      ['PUT', `/api/v1/reports/${id}`], ['GET', '/api/v1/reports'], ['GET', `/api/v1/reports/${id}`],
      ['POST', `/api/v1/reports/${id}/reviews`],
      ['GET', '/api/v1/municipalities/3106200/reports'], ['GET', '/api/v1/duplicates'], ['POST', `/api/v1/duplicates/${id}/resolve`],
    ];
    for (const [method, url] of routes) {
      const res = await env.inject({ method: method as 'GET', url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      if (method !== 'HEAD') expect(res.json().error.code).toBe('unauthenticated');
    }
  });
});
