// Issue #12: a municipality has at most one report per month; duplicates found in existing data
// are listed for the central level, which merges or discards them (audited, nothing deleted).
import { describe, expect, it } from 'vitest';
import { DuplicateListResponseSchema, MunicipalityReportsResponseSchema, PeriodTakenErrorSchema, ReportDetailSchema, ReportListResponseSchema } from '../../src/domain/api.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { syncActionFacts } from '../../server/store/action-facts.ts';
import { loadMigrations, migrate } from '../../server/store/migrate.ts';
import { openPgDriver } from '../../server/store/pg-driver.ts';
import { openPgliteDriver } from '../../server/store/pglite-driver.ts';
import { SqlStore } from '../../server/store/sql-store.ts';
import { buildApp } from '../../server/app.ts';
import { DRIVERS, dropSchema, fakeImage, NOW, pgLocation, submission, TEST_LOG2N, useEndpoint, type DriverKind } from './helpers.ts';
import { auditOf } from './store-helpers.ts';

describe.each(DRIVERS)('one report per municipality and month on %s', (kind) => {
  const env = useEndpoint(kind);
  const count = async (sql: string, params: unknown[] = []) =>
    (await env.store.driver.query<{ n: number }>(sql, params)).rows[0].n;

  it('409 period_taken with the existing report (id, protocol, revision, status, sender); nothing stored', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const bia = await env.account('bia', 'agent', { municipalityCode: '3106200' });
    const first = await env.sendReport(ana);
    const photo = await env.putPhoto(bia);
    const second = submission({ photos: [photo] });
    const res = await env.putReport(bia, second);
    expect(res.statusCode).toBe(409);
    const body = PeriodTakenErrorSchema.parse(res.json());
    expect(body.error.existing).toEqual({
      id: first.body.id, period: '2026-11', protocol: 'MG-2026-11-3106200-0001', revision: 1, status: 'received',
      receivedAt: NOW.toISOString(), sentBy: 'Conta ana',
    });
    expect(body.error.message).toBe('Já existe um relatório de novembro de 2026 (protocolo MG-2026-11-3106200-0001, enviado por Conta ana).');
    expect(await count('SELECT count(*) AS n FROM reports')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM report_revisions')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM report_photos WHERE sha256 = $1', [photo])).toBe(0);
    expect(await auditOf(env.store, 'report', second.id)).toEqual([]);
    // Another month, another municipality: accepted.
    expect((await env.putReport(bia, submission({ photos: [photo], period: '2026-10' }))).statusCode).toBe(201);
    const beto = await env.account('beto', 'agent', { municipalityCode: '3106705' });
    expect((await env.putReport(beto, submission({ photos: [await env.putPhoto(beto)], municipalityCode: '3106705' }))).statusCode).toBe(201);
    // The kept report's own revisions still go through.
    const rev2 = { ...first.body, revision: 2, notes: 'corrigido' };
    expect((await env.putReport(ana, rev2)).statusCode).toBe(201);
  });

  it('10 concurrent PUTs of different ids for one month from two agents → exactly one report', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const bia = await env.account('bia', 'agent', { municipalityCode: '3106200' });
    const photo = await env.putPhoto(ana);
    const bodies = Array.from({ length: 10 }, () => submission({ photos: [photo], period: '2026-11' }));
    const results = await Promise.all(bodies.map((b, i) => env.putReport(i % 2 ? bia : ana, b)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const winner = bodies[results.findIndex((r) => r.statusCode === 201)];
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(PeriodTakenErrorSchema.parse(r.json()).error.existing.id).toBe(winner.id);
    }
    expect(await count(`SELECT count(*) AS n FROM reports WHERE municipality_code = '3106200' AND period = '2026-11'`)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM report_revisions')).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'report.received'`)).toBe(1);
  });

  it('GET /municipalities/{code}/reports: the last 13 months with content and reviews, in scope only', async () => {
    const ana = await env.account('ana', 'agent', { municipalityCode: '3106200' });
    const bia = await env.account('bia', 'agent', { municipalityCode: '3106200' });
    const beto = await env.account('beto', 'agent', { municipalityCode: '3106705' });
    const reg = await env.account('reg', 'regional', { regional: 'Belo Horizonte' });
    const nov = await env.sendReport(ana, { n: 2 });
    const oldest = await env.sendReport(ana, { period: '2025-11' });
    await env.sendReport(ana, { period: '2025-10' }); // 14 months ago: left out
    await env.sendReport(beto);
    await env.inject({ method: 'POST', url: `/api/v1/reports/${nov.body.id}/reviews`, account: reg, json: { decision: 'return', comment: 'Corrija', actionNumbers: [2] } });
    const res = await env.inject({ method: 'GET', url: '/api/v1/municipalities/3106200/reports', account: bia });
    expect(res.statusCode).toBe(200);
    const body = MunicipalityReportsResponseSchema.parse(res.json());
    expect(body).toMatchObject({ from: '2025-11', to: '2026-11' });
    expect(body.reports.map((r) => r.id)).toEqual([nov.body.id, oldest.body.id]);
    expect(body.reports[0]).toMatchObject({ status: 'returned', protocol: 'MG-2026-11-3106200-0001', revision: 1 });
    expect(body.reports[0].reviews.at(-1)).toMatchObject({ decision: 'return', actionNumbers: [2] });
    expect((body.reports[0].report.actions as unknown[]).length).toBe(2);
    expect((await env.inject({ method: 'GET', url: '/api/v1/municipalities/3106705/reports', account: bia })).statusCode).toBe(403);
    expect((await env.inject({ method: 'GET', url: '/api/v1/municipalities/31/reports', account: bia })).statusCode).toBe(404);
    expect((await env.inject({ method: 'GET', url: '/api/v1/municipalities/3106200/reports', account: reg })).statusCode).toBe(200);
  });
});

/** A store at migration 001 (before the rule), as an existing installation would be. */
async function oldStore(kind: DriverKind): Promise<{ store: SqlStore; dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const driver = await openPgliteDriver('memory://');
    return { store: new SqlStore(driver), dispose: () => driver.close() };
  }
  const loc = pgLocation();
  const driver = await openPgDriver({ connectionString: loc.databaseUrl, schema: loc.schema });
  return { store: new SqlStore(driver), dispose: async () => { await driver.close(); await dropSchema(loc); } };
}

/** What the endpoint stored before the rule: one more report row for the same month. */
async function legacyPut(store: SqlStore, s: ReturnType<typeof submission>, userId: string, at: Date, seq: number) {
  const shas = s.actions.flatMap((a: { photos: { sha256: string }[] }) => a.photos.map((p) => p.sha256));
  await store.driver.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO reports (id, municipality_code, period, protocol, revision, status, action_count, photo_count, received_at, first_received_at, updated_at)
       VALUES ($1, $2, $3, $4, 1, 'received', $5, $6, $7, $7, $7)`,
      [s.id, s.municipalityCode, s.period, `MG-${s.period}-${s.municipalityCode}-${String(seq).padStart(4, '0')}`, s.actions.length, shas.length, at],
    );
    await tx.query(
      `INSERT INTO report_revisions (report_id, revision, submission, content_hash, received_at, submitted_by) VALUES ($1, 1, $2, 'x', $3, $4)`,
      [s.id, JSON.stringify(s), at, userId],
    );
    await tx.query('INSERT INTO report_photos (report_id, sha256) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [s.id, shas]);
    await syncActionFacts(tx, s.id, s.municipalityCode);
    await tx.query(
      `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id) VALUES ($1, $2, 'report.received', 'report', $3)`,
      [at, userId, s.id],
    );
  });
}

describe.each(DRIVERS)('migration 020 on a database with duplicates (%s)', (kind) => {
  it('keeps the earliest report of each month, lists the others; central merges or discards them, audited', async () => {
    const { store, dispose } = await oldStore(kind);
    try {
      const before = loadMigrations().filter((m) => m.version < 20);
      await migrate(store.driver, before);
      const hash = await hashPassword('x', TEST_LOG2N);
      const ana = await store.accounts.createUser({ login: 'ana', name: 'Ana', role: 'agent', municipalityCode: '3106200', passwordHash: hash }, NOW);
      const bia = await store.accounts.createUser({ login: 'bia', name: 'Bia', role: 'agent', municipalityCode: '3106200', passwordHash: hash }, NOW);
      const photos = [fakeImage(), fakeImage(), fakeImage()];
      for (const p of photos) await store.photos.put({ sha256: p.sha256, mimeType: 'image/jpeg', bytes: p.bytes, userId: ana.id, now: NOW });
      // The old code accepted three November reports (0001, 0002, 0003) and one October report.
      const at = (min: number) => new Date(NOW.getTime() + min * 60_000);
      const nov1 = submission({ photos: [photos[0].sha256] });
      const nov2 = submission({ photos: [photos[1].sha256, photos[2].sha256] });
      const nov3 = submission({ photos: [photos[2].sha256] });
      const oct = submission({ photos: [photos[0].sha256], period: '2026-10' });
      await legacyPut(store, nov1, ana.id, at(0), 1);
      await legacyPut(store, nov2, bia.id, at(1), 2);
      await legacyPut(store, nov3, bia.id, at(2), 3);
      await legacyPut(store, oct, ana.id, at(3), 1);

      expect(await migrate(store.driver)).toEqual(loadMigrations().filter((m) => m.version >= 20).map((m) => m.version));
      const central = await store.accounts.createUser({ login: 'ce', name: 'Central', role: 'central', passwordHash: hash }, NOW);
      const agent = await store.accounts.createUser({ login: 'cida', name: 'Cida', role: 'agent', municipalityCode: '3106200', passwordHash: hash }, NOW);
      const { hashToken, newDeviceToken } = await import('../../server/auth/tokens.ts');
      const tokenOf = async (userId: string) => {
        const t = newDeviceToken();
        await store.accounts.createSession({ userId, tokenHash: hashToken(t), expiresAt: new Date(NOW.getTime() + 86_400_000), now: NOW });
        return { authorization: `Bearer ${t}` };
      };
      const app = await buildApp({ store, now: () => at(10), limits: { scryptLog2N: TEST_LOG2N } });
      try {
        const ce = await tokenOf(central.id);
        const get = async (url: string, headers = ce) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
        // Nothing deleted: four reports, every revision still there.
        expect((await store.driver.query<{ n: number }>('SELECT count(*) AS n FROM reports')).rows[0].n).toBe(4);
        // The lists and the Painel count November once.
        const list = ReportListResponseSchema.parse((await get('/reports')).json()).reports;
        expect(list.map((r) => r.id).sort()).toEqual([nov1.id, oct.id].sort());
        const panel = (await get('/panel?from=2026-10&to=2026-11')).json();
        expect(panel.totals.reports).toBe(2);
        expect(panel.totals.actions).toBe(nov1.actions.length + oct.actions.length);

        const open = DuplicateListResponseSchema.parse((await get('/duplicates')).json()).duplicates;
        expect(open.map((d) => d.reportId).sort()).toEqual([nov2.id, nov3.id].sort());
        expect(open.every((d) => d.kept.id === nov1.id && d.resolution === null)).toBe(true);
        expect(open.find((d) => d.reportId === nov2.id)?.duplicate.protocol).toBe('MG-2026-11-3106200-0002');
        // Only central sees and resolves them.
        const agentAuth = await tokenOf(agent.id);
        expect((await get('/duplicates', agentAuth)).statusCode).toBe(403);

        // The rule holds from now on: a new November report is refused, a duplicate's new revision too.
        const late = submission({ photos: [photos[0].sha256] });
        const refused = await app.inject({ method: 'PUT', url: `/api/v1/reports/${late.id}`, headers: agentAuth, payload: late });
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.existing.id).toBe(nov1.id);
        const dupRev = { ...nov3, revision: 2 };
        const refused2 = await app.inject({ method: 'PUT', url: `/api/v1/reports/${nov3.id}`, headers: agentAuth, payload: dupRev });
        expect(refused2.json().error.code).toBe('period_taken');

        // A duplicate is not reviewed: central decides first.
        const reg = await store.accounts.createUser({ login: 'reg', name: 'Regional', role: 'regional', regional: 'Belo Horizonte', passwordHash: hash }, NOW);
        const reviewDup = await app.inject({ method: 'POST', url: `/api/v1/reports/${nov3.id}/reviews`, headers: await tokenOf(reg.id), payload: { decision: 'approve' } });
        expect(reviewDup.statusCode).toBe(409);
        expect(reviewDup.json().error.keptReportId).toBe(nov1.id);

        // Merge nov2: its actions are appended to nov1 as revision 2, renumbered; photos linked.
        const resolve = (id: string, resolution: string) =>
          app.inject({ method: 'POST', url: `/api/v1/duplicates/${id}/resolve`, headers: ce, payload: { resolution } });
        const merged = await resolve(nov2.id, 'merge');
        expect(merged.statusCode).toBe(200);
        expect(merged.json().duplicate).toMatchObject({ resolution: 'merged', mergedRevision: 2, resolvedBy: 'Central' });
        const detail = ReportDetailSchema.parse((await get(`/reports/${nov1.id}`)).json());
        expect(detail.revision).toBe(2);
        const actions = detail.report.actions as { id: string; number: number; photos: { sha256: string }[] }[];
        expect(actions.map((a) => a.id)).toEqual([...nov1.actions, ...nov2.actions].map((a: { id: string }) => a.id));
        expect(actions.map((a) => a.number)).toEqual(actions.map((_, i) => i + 1));
        const linked = await store.driver.query<{ sha256: string }>('SELECT sha256 FROM report_photos WHERE report_id = $1', [nov1.id]);
        expect(linked.rows.map((r) => r.sha256).sort()).toEqual([photos[0].sha256, photos[1].sha256, photos[2].sha256].sort());
        expect((await resolve(nov2.id, 'merge')).json().error.code).toBe('already_resolved');

        // Discard nov3: marked, kept readable, nothing merged.
        expect((await resolve(nov3.id, 'discard')).json().duplicate).toMatchObject({ resolution: 'discarded', mergedRevision: null });
        expect((await get(`/reports/${nov3.id}`)).statusCode).toBe(200);
        expect(DuplicateListResponseSchema.parse((await get('/duplicates')).json()).duplicates).toEqual([]);
        expect(DuplicateListResponseSchema.parse((await get('/duplicates?status=resolved')).json()).duplicates).toHaveLength(2);

        const panelAfter = (await get('/panel?from=2026-10&to=2026-11')).json();
        expect(panelAfter.totals.reports).toBe(2);
        expect(panelAfter.totals.actions).toBe(nov1.actions.length + nov2.actions.length + oct.actions.length);

        expect((await auditOf(store, 'report', nov2.id)).map((a) => a.action)).toEqual(['report.received', 'report.duplicate_found', 'report.duplicate_merged']);
        expect((await auditOf(store, 'report', nov3.id)).map((a) => a.action)).toEqual(['report.received', 'report.duplicate_found', 'report.duplicate_discarded']);
        expect((await auditOf(store, 'report', nov1.id)).map((a) => a.action)).toEqual(['report.received', 'report.revised']);
      } finally {
        await app.close();
      }
    } finally {
      await dispose();
    }
  });
});
