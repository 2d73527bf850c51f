// Plan B (#17) at the endpoint: the device secret issued at sign-in, and POST /report-packages —
// a regional account imports what an agent sent through WhatsApp, stored as the phone's own PUT.
import { describe, expect, it } from 'vitest';
import { LoginResponseSchema } from '../../src/domain/api.ts';
import { REGIONAL_NAMES } from '../../src/domain/municipalities-data.ts';
import { findMunicipality, municipalitiesOfRegional, type RegionalName } from '../../src/domain/municipality.ts';
import { buildManifest, PACKAGE_MARKER, secretBytes } from '../../src/domain/report-package.ts';
import { PackageImportResponseSchema } from '../../src/domain/report-package-api.ts';
import { DRIVERS, fakeImage, NOW, PASSWORD, submission, useEndpoint, type Account } from './helpers.ts';
import { auditOf } from './store-helpers.ts';

const BH = '3106200';
const BH_REGIONAL = findMunicipality(BH)!.regional as RegionalName;
const NEIGHBOUR = municipalitiesOfRegional(BH_REGIONAL).find((m) => m.code !== BH)!.code;
const OTHER_REGIONAL = REGIONAL_NAMES.find((r) => r !== BH_REGIONAL)!;

describe.each(DRIVERS)('report packages (Plan B) on %s', (kind) => {
  const env = useEndpoint(kind);
  const count = async (sql: string) => Number((await env.store.driver.query<{ n: number }>(sql)).rows[0].n);

  /** An agent signed in over HTTP, as a phone does: token + device id + secret. */
  async function agentPhone(login = 'ana', municipalityCode = BH) {
    const made = await env.account(login, 'agent', { municipalityCode });
    const res = await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login, password: PASSWORD, deviceName: 'Moto G' } });
    expect(res.statusCode).toBe(201);
    const answer = LoginResponseSchema.parse(res.json());
    const account: Account = { user: made.user, token: answer.token, auth: { authorization: `Bearer ${answer.token}` } };
    return { account, device: answer.device! };
  }

  /** What the phone shares: the frozen body, its photos as files and the signed manifest. */
  async function packageOf(phone: Awaited<ReturnType<typeof agentPhone>>, opts: { photos?: number; municipalityCode?: string; period?: string } = {}) {
    const images = Array.from({ length: opts.photos ?? 2 }, () => fakeImage());
    const s = submission({ photos: images.map((i) => i.sha256), municipalityCode: opts.municipalityCode ?? phone.account.user.municipalityCode, period: opts.period });
    const body = JSON.stringify(s);
    const manifest = await buildManifest({ deviceId: phone.device.id, secret: secretBytes(phone.device.secret), body }, 'Relatório de teste');
    const photos = images.map((img, i) => ({ name: `Foto ${i + 1}.1.jpg`, data: img.bytes.toString('base64') }));
    return { s, body, manifest, photos, images };
  }

  const importAs = (account: Account, json: unknown) => env.inject({ method: 'POST', url: '/api/v1/report-packages', account, json });
  const errorOf = (res: { json(): any }) => res.json().error as { code: string; message: string; files?: string[] };

  it('sign-in issues a device secret that is stored sealed, never in clear', async () => {
    const phone = await agentPhone();
    expect(phone.device.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await env.store.driver.query<{ device_secret: Uint8Array }>('SELECT device_secret FROM sessions WHERE id = $1', [phone.device.id]);
    const sealed = Buffer.from(rows[0].device_secret);
    expect(sealed.length).toBe(12 + 16 + 32);
    expect(sealed.includes(Buffer.from(secretBytes(phone.device.secret)))).toBe(false);
    // a second sign-in is another device with another secret
    const again = LoginResponseSchema.parse((await env.inject({ method: 'POST', url: '/api/v1/auth/sessions', json: { login: 'ana', password: PASSWORD } })).json());
    expect(again.device!.id).not.toBe(phone.device.id);
    expect(again.device!.secret).not.toBe(phone.device.secret);
  });

  it('the regional imports a package: stored as the phone would, audited as imported; the phone\'s PUT later gets the same protocol', async () => {
    const phone = await agentPhone();
    const regional = await env.account('reg', 'regional', { regional: BH_REGIONAL });
    const pkg = await packageOf(phone);
    const res = await importAs(regional, { manifest: pkg.manifest, photos: pkg.photos });
    expect(res.statusCode).toBe(201);
    const receipt = PackageImportResponseSchema.parse(res.json());
    expect(receipt).toEqual({
      id: pkg.s.id, revision: 1, protocol: 'MG-2026-11-3106200-0001', receivedAt: NOW.toISOString(), status: 'received',
      municipalityCode: BH, period: '2026-11', created: true,
    });
    // audited as imported by the regional account, sent by the agent
    const audit = await auditOf(env.store, 'report', pkg.s.id);
    expect(audit.map((a) => a.action)).toEqual(['report.imported']);
    const { rows } = await env.store.driver.query<{ actor_id: string; detail: Record<string, unknown> }>(
      `SELECT actor_id, detail FROM audit_log WHERE action = 'report.imported'`);
    expect(rows[0].actor_id).toBe(regional.user.id);
    expect(rows[0].detail).toMatchObject({ via: 'plan_b', deviceId: phone.device.id, agent: 'ana', importedBy: 'reg', protocol: receipt.protocol });
    expect(await count(`SELECT count(*) AS n FROM report_revisions v JOIN users u ON u.id = v.submitted_by WHERE u.login = 'ana'`)).toBe(1);
    // the regional sees it like any report; the photos are there
    const detail = (await env.inject({ method: 'GET', url: `/api/v1/reports/${pkg.s.id}`, account: regional })).json();
    expect(detail.report).toEqual(JSON.parse(pkg.body));
    const photo = await env.inject({ method: 'GET', url: `/api/v1/photos/${pkg.images[0].sha256}`, account: regional });
    expect(Buffer.from(photo.rawPayload).equals(pkg.images[0].bytes)).toBe(true);

    // importing the same files again: the same receipt, nothing new
    const again = await importAs(regional, { manifest: pkg.manifest, photos: pkg.photos });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...receipt, created: false });

    // the phone comes online: its photos are known, its queued PUT (the same body) is a repeat
    for (const img of pkg.images) {
      expect((await env.inject({ method: 'HEAD', url: `/api/v1/photos/${img.sha256}`, account: phone.account })).statusCode).toBe(200);
    }
    const put = await env.inject({ method: 'PUT', url: `/api/v1/reports/${pkg.s.id}`, account: phone.account, json: pkg.body });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ id: pkg.s.id, revision: 1, protocol: receipt.protocol, receivedAt: NOW.toISOString(), status: 'received' });
    expect(await count('SELECT count(*) AS n FROM reports')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM report_revisions')).toBe(1);
  });

  it('refuses a tampered manifest, missing or altered photos, with precise codes and the files named', async () => {
    const phone = await agentPhone();
    const regional = await env.account('reg', 'regional', { regional: BH_REGIONAL });
    const pkg = await packageOf(phone);
    const tampered = pkg.manifest.replace('\\"participants\\":40', '\\"participants\\":400'); // inside the JSON string
    expect(tampered).not.toBe(pkg.manifest);
    let res = await importAs(regional, { manifest: tampered, photos: pkg.photos });
    expect([res.statusCode, errorOf(res).code]).toEqual([422, 'package_tampered']);
    expect(errorOf(res).message).toMatch(/assinatura não confere/);

    res = await importAs(regional, { manifest: pkg.manifest, photos: pkg.photos.slice(0, 1) });
    expect([res.statusCode, errorOf(res).code, errorOf(res).files]).toEqual([422, 'package_photo_missing', ['Foto 2.1.jpg']]);
    expect(errorOf(res).message).toContain('“Foto 2.1.jpg”');

    const recompressed = [pkg.photos[0], { name: 'Foto 2.1.jpg', data: fakeImage().bytes.toString('base64') }];
    res = await importAs(regional, { manifest: pkg.manifest, photos: recompressed });
    expect([res.statusCode, errorOf(res).code, errorOf(res).files]).toEqual([422, 'package_photo_altered', ['Foto 2.1.jpg']]);
    expect(errorOf(res).message).toMatch(/como documento/);

    res = await importAs(regional, { manifest: 'Segue o relatório de novembro.', photos: pkg.photos });
    expect([res.statusCode, errorOf(res).code]).toEqual([422, 'package_invalid']);
    const unknownDevice = pkg.manifest.replace(phone.device.id, '00000000-0000-4000-8000-000000000000');
    res = await importAs(regional, { manifest: unknownDevice, photos: pkg.photos });
    expect([res.statusCode, errorOf(res).code]).toEqual([422, 'device_unknown']);
    res = await importAs(regional, { manifest: pkg.manifest, photos: 'nada' });
    expect([res.statusCode, errorOf(res).code]).toEqual([400, 'invalid_request']);
    // the endpoint's sealing key replaced (DEVICE_SECRET_KEY set later): the old secret cannot be opened
    await env.rebuild({ deviceSecretKey: Buffer.alloc(32, 7).toString('base64') });
    res = await importAs(regional, { manifest: pkg.manifest, photos: pkg.photos });
    expect([res.statusCode, errorOf(res).code]).toEqual([422, 'device_unknown']);
    expect(await count('SELECT count(*) AS n FROM reports')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM photos')).toBe(0);
  });

  it('refuses a package from outside the regional\'s scope, a revoked device, a replay of another municipality\'s package, and agents', async () => {
    const phone = await agentPhone();
    const pkg = await packageOf(phone);
    const other = await env.account('outra', 'regional', { regional: OTHER_REGIONAL });
    let res = await importAs(other, { manifest: pkg.manifest, photos: pkg.photos });
    expect([res.statusCode, errorOf(res).code]).toEqual([403, 'package_out_of_scope']);
    expect(errorOf(res).message).toContain('Belo Horizonte');

    // the neighbour's agent builds a package of a BH report with its own device: signed, but not its municipality
    const neighbour = await agentPhone('beto', NEIGHBOUR);
    const forged = await packageOf(neighbour, { municipalityCode: BH });
    const regional = await env.account('reg', 'regional', { regional: BH_REGIONAL });
    res = await importAs(regional, { manifest: forged.manifest, photos: forged.photos });
    expect([res.statusCode, errorOf(res).code]).toEqual([422, 'package_wrong_municipality']);
    // and BH's package presented as the neighbour's device (its id swapped in): the tag breaks
    const swapped = pkg.manifest.replace(phone.device.id, neighbour.device.id);
    res = await importAs(regional, { manifest: swapped, photos: pkg.photos });
    expect([res.statusCode, errorOf(res).code]).toEqual([422, 'package_tampered']);

    expect((await importAs(phone.account, { manifest: pkg.manifest, photos: pkg.photos })).statusCode).toBe(403);

    // the agent's phone is lost and revoked: its packages are refused from then on
    expect((await env.inject({ method: 'DELETE', url: '/api/v1/auth/sessions/current', account: phone.account })).statusCode).toBe(204);
    res = await importAs(regional, { manifest: pkg.manifest, photos: pkg.photos });
    expect([res.statusCode, errorOf(res).code]).toEqual([403, 'device_revoked']);
    expect(await count('SELECT count(*) AS n FROM reports')).toBe(0);
  });

  it('respects one report per municipality and month, and the size limit', async () => {
    const phone = await agentPhone();
    const regional = await env.account('reg', 'regional', { regional: BH_REGIONAL });
    const first = await packageOf(phone);
    expect((await importAs(regional, { manifest: first.manifest, photos: first.photos })).statusCode).toBe(201);
    const second = await packageOf(phone);
    const res = await importAs(regional, { manifest: second.manifest, photos: second.photos });
    expect([res.statusCode, errorOf(res).code]).toEqual([409, 'period_taken']);
    expect(res.json().error.existing.protocol).toBe('MG-2026-11-3106200-0001');

    await env.rebuild({ limits: { packageBodyBytes: 64 * 1024 } });
    const big = await packageOf(phone, { photos: 4, period: '2026-10' });
    expect((await importAs(regional, { manifest: big.manifest, photos: big.photos })).statusCode).toBe(413);
    expect(big.manifest).toContain(PACKAGE_MARKER);
  });
});
