// Plan B manifest (#17): what the phone signs is what the endpoint verifies; any change is caught.
import { describe, expect, it } from 'vitest';
import { buildManifest, PACKAGE_MARKER, sha256Of, signingText, type PackageManifest } from '../../src/domain/report-package';
import { parseManifest, verifyPackage } from '../../src/domain/report-package-verify';
import { planBDue } from '../../src/domain/outbox';
import { validSubmission } from '../helpers/fixtures';

const enc = new TextEncoder();
const bytesOf = (s: string) => enc.encode(s);
const SECRET = crypto.getRandomValues(new Uint8Array(32));
const OTHER_SECRET = crypto.getRandomValues(new Uint8Array(32));
const DEVICE = '0b9c3f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f';
const BH = '3106200';

/** A submission with two actions whose photos are real bytes (so their sha256 is checkable). */
async function fixture(municipalityCode = BH) {
  const s = validSubmission(2);
  s.municipalityCode = municipalityCode;
  const photos = ['photo one', 'photo two', 'photo three'].map(bytesOf);
  s.actions[0].photos[0].sha256 = await sha256Of(photos[0]);
  s.actions[1].photos[0].sha256 = await sha256Of(photos[1]);
  s.actions[1].photos.push({ ...s.actions[1].photos[0], number: 2, sha256: await sha256Of(photos[2]), mimeType: 'image/png' });
  const body = JSON.stringify(s);
  const files = [
    { name: 'Foto 1.1.jpg', bytes: photos[0] },
    { name: 'Foto 2.1.jpg', bytes: photos[1] },
    { name: 'Foto 2.2.png', bytes: photos[2] },
  ];
  return { s, body, files };
}

const manifestOf = async (body: string, secret = SECRET, deviceId = DEVICE) => buildManifest({ deviceId, secret, body }, 'Relatório — cabeçalho para pessoas');
const device = { secret: SECRET, municipalityCode: BH };
/** The manifest's JSON line replaced by `edit(parsed)`. */
const edited = (text: string, edit: (m: PackageManifest) => PackageManifest) => {
  const lines = text.split('\n');
  const at = lines.indexOf(PACKAGE_MARKER) + 1;
  lines[at] = JSON.stringify(edit(JSON.parse(lines[at])));
  return lines.join('\n');
};

describe('report package manifest', () => {
  it('round trip: the built manifest parses back with the exact queued body and verifies', async () => {
    const { body, files } = await fixture();
    const text = await manifestOf(body);
    expect(text.startsWith('Relatório — cabeçalho para pessoas\n')).toBe(true);
    const m = parseManifest(text)!;
    expect(m.body).toBe(body);
    expect(m.deviceId).toBe(DEVICE);
    expect(m.photos.map((p) => p.file)).toEqual(['Foto 1.1.jpg', 'Foto 2.1.jpg', 'Foto 2.2.png']);
    expect(m.tag).toMatch(/^[0-9a-f]{64}$/);
    const r = await verifyPackage(m, device, files);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.submission).toEqual(JSON.parse(body));
      expect([...r.photos.keys()]).toEqual(m.photos.map((p) => p.sha256));
    }
    // Windows line ends and a BOM (a file that went through a PC) still parse.
    expect(parseManifest(`\uFEFF${text.replace(/\n/g, '\r\n')}`)).toEqual(m);
    // the tag is over the canonical text, which names every field
    expect(signingText(m).split('\n')).toEqual([
      'mobiliza-pacote/1', `device ${DEVICE}`, ...m.photos.map((p) => `photo ${p.sha256} ${p.file}`), `body ${body}`,
    ]);
  });

  it('a text that is not a manifest, or whose JSON line was cut, is not parsed', async () => {
    const { body } = await fixture();
    const text = await manifestOf(body);
    expect(parseManifest('olá, segue o relatório')).toBeUndefined();
    expect(parseManifest(text.slice(0, text.length - 40))).toBeUndefined();
    expect(parseManifest(edited(text, (m) => ({ ...m, extra: 1 }) as PackageManifest))).toBeUndefined();
  });

  const tamperings: [string, (m: PackageManifest) => PackageManifest][] = [
    ['the device id', (m) => ({ ...m, deviceId: 'aaaaaaaa-2d1a-4c5b-9e8f-7a6b5c4d3e2f' })],
    ['a number in the body', (m) => ({ ...m, body: m.body.replace('"participants":40', '"participants":400') })],
    ['the body\'s period', (m) => ({ ...m, body: m.body.replaceAll('2026-11', '2026-10') })],
    ['the body\'s revision', (m) => ({ ...m, body: m.body.replace('"revision":1', '"revision":2') })],
    ['a photo hash in the list', (m) => ({ ...m, photos: m.photos.map((p, i) => (i ? p : { ...p, sha256: 'f'.repeat(64) })) })],
    ['a photo file name', (m) => ({ ...m, photos: m.photos.map((p, i) => (i ? p : { ...p, file: 'Foto 9.9.jpg' })) })],
    ['the photo order', (m) => ({ ...m, photos: [...m.photos].reverse() })],
    ['a dropped photo', (m) => ({ ...m, photos: m.photos.slice(1) })],
    ['the tag', (m) => ({ ...m, tag: m.tag.replace(/^./, (c) => (c === '0' ? '1' : '0')) })],
    ['the format version', (m) => ({ ...m, format: 'mobiliza-pacote/2' }) as unknown as PackageManifest],
  ];
  for (const [what, edit] of tamperings) {
    it(`refuses a manifest with ${what} changed`, async () => {
      const { body, files } = await fixture();
      const m = parseManifest(edited(await manifestOf(body), edit));
      if (!m) return expect(what).toBe('the format version'); // refused at parsing: not a v1 manifest
      const r = await verifyPackage(m, device, files);
      expect(r).toEqual({ ok: false, code: 'package_tampered' });
    });
  }

  it('refuses a manifest verified with another device\'s secret', async () => {
    const { body, files } = await fixture();
    const m = parseManifest(await manifestOf(body))!;
    expect(await verifyPackage(m, { ...device, secret: OTHER_SECRET }, files)).toEqual({ ok: false, code: 'package_tampered' });
  });

  it('names a photo whose bytes changed (same name) and one that is missing', async () => {
    const { body, files } = await fixture();
    const m = parseManifest(await manifestOf(body))!;
    // WhatsApp re-encodes an image sent as a photo: same name, other bytes.
    const recompressed = files.map((f) => (f.name === 'Foto 2.1.jpg' ? { ...f, bytes: bytesOf('photo two, recompressed') } : f));
    expect(await verifyPackage(m, device, recompressed)).toEqual({ ok: false, code: 'package_photo_altered', files: ['Foto 2.1.jpg'] });
    expect(await verifyPackage(m, device, files.slice(0, 2))).toEqual({ ok: false, code: 'package_photo_missing', files: ['Foto 2.2.png'] });
    // renamed on the way (e.g. "IMG-WA0001.jpg") but the same bytes: accepted, the hash decides
    const renamed = files.map((f, i) => ({ ...f, name: `IMG-WA000${i}.jpg` }));
    expect((await verifyPackage(m, device, renamed)).ok).toBe(true);
    // a single changed byte in the middle of a photo
    const flipped = files.map((f, i) => (i === 0 ? { ...f, bytes: f.bytes.map((b, j) => (j === 3 ? b ^ 1 : b)) } : f));
    expect(await verifyPackage(m, device, flipped)).toEqual({ ok: false, code: 'package_photo_altered', files: ['Foto 1.1.jpg'] });
  });

  it('refuses the replay of another municipality\'s package', async () => {
    // Contagem's agent signs a package of Contagem's report; it is checked against the device
    // it names, whose account is in Belo Horizonte → not this device's municipality.
    const contagem = await fixture('3118601');
    const signedByBhDevice = parseManifest(await manifestOf(contagem.body))!;
    expect(await verifyPackage(signedByBhDevice, device, contagem.files)).toEqual({ ok: false, code: 'package_wrong_municipality' });
    // Contagem's own package, its municipality code rewritten to BH and presented as BH's device's: the tag breaks.
    const contagemPackage = await manifestOf(contagem.body, OTHER_SECRET, 'cccccccc-2d1a-4c5b-9e8f-7a6b5c4d3e2f');
    const replayed = parseManifest(edited(contagemPackage, (m) => ({ ...m, deviceId: DEVICE, body: m.body.replace('"3118601"', `"${BH}"`) })))!;
    expect(await verifyPackage(replayed, device, contagem.files)).toEqual({ ok: false, code: 'package_tampered' });
    // and unchanged, with the device it really came from, it passes that device's check
    expect((await verifyPackage(parseManifest(contagemPackage)!, { secret: OTHER_SECRET, municipalityCode: '3118601' }, contagem.files)).ok).toBe(true);
  });

  it('offers Plan B prominently after two days in the queue', () => {
    const queuedAt = '2026-11-20T12:00:00.000Z';
    expect(planBDue({ queuedAt }, Date.parse('2026-11-22T11:59:00.000Z'))).toBe(false);
    expect(planBDue({ queuedAt }, Date.parse('2026-11-22T12:00:00.000Z'))).toBe(true);
  });
});
