// #16 "sizes in the closing note": what a municipality's partner registry costs the phone. The phone
// keeps GET /partners?municipality= as is (src/sync/pull-partners.ts → Dexie `partners`), so the
// answer's JSON is what it downloads (gzip on the wire) and about what IndexedDB holds.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits.ts';
import { PARTNER_SECTORS } from '../../../src/domain/vocabulary.ts';
import { submission, useEndpoint } from '../helpers.ts';

const BH = '3106200';
const SECTORS = PARTNER_SECTORS.map((o) => o.value);
const PREFIX = ['Escola Estadual', 'Escola Municipal', 'Associação de Moradores do Bairro', 'Igreja', 'UBS', 'Rádio Comunitária', 'Grupo de Teatro', 'Mercado'];

/** A realistic partner: long-ish name, every contact field filled (the worst case for size). */
const partner = (k: number) => ({
  id: crypto.randomUUID(),
  name: `${PREFIX[k % PREFIX.length]} ${['São José', 'Santa Luzia', 'Dom Cabral', 'Nova Esperança', 'Vila Rica'][k % 5]} ${k}`,
  kind: k % 3 === 0 ? 'pessoa_fisica' : 'pessoa_juridica',
  governmental: k % 2 === 0,
  sector: SECTORS[k % SECTORS.length],
  phone: `(31) 9${String(8000_0000 + k).slice(0, 4)}-${String(1000 + k).slice(-4)}`,
  email: `contato${k}@parceiro-exemplo.org.br`,
  social: `@parceiro_${k}`,
  campaigns: k % 4 !== 0,
});

describe('partner registry size on the phone', () => {
  const env = useEndpoint('pglite');

  it(`${LIMITS.newPartnersPerReport} partners of one municipality: bytes per partner and in all`, async () => {
    const agent = await env.account('ag-bh', 'agent', { municipalityCode: BH });
    const photo = await env.putPhoto(agent);
    const body = submission({ photos: [photo], municipalityCode: BH });
    const created = Array.from({ length: LIMITS.newPartnersPerReport }, (_, k) => partner(k));
    body.partners = created;
    body.actions[0].partners = created.slice(0, LIMITS.partnersPerAction).map((p) => ({ name: p.name, sector: p.sector, partnerId: p.id }));
    const put = await env.putReport(agent, body);
    expect(put.statusCode, put.body).toBe(201);

    const res = await env.inject({ method: 'GET', url: `/api/v1/partners?municipality=${BH}`, account: agent });
    expect(res.statusCode).toBe(200);
    const partners = res.json().partners as unknown[];
    expect(partners).toHaveLength(created.length);
    const json = Buffer.byteLength(res.body);
    const gz = gzipSync(res.body).length;
    console.log(`[partners size] ${partners.length} partners: ${(json / 1024).toFixed(1)} KB JSON (${Math.round(json / partners.length)} B each), ${(gz / 1024).toFixed(1)} KB gzip on the wire`);
    // a registry of a few hundred partners stays a few dozen KB on the phone
    expect(json / partners.length).toBeLessThan(600);
    expect(gz).toBeLessThan(30 * 1024);
  });
});
