// The municipality's partner registry follows the agent (#16): downloaded with the status pull.
// Checked by hand, not by the registry's zod schema, so the service worker stays small.
import { replaceServerPartners } from '../db/partners';
import type { PartnerRow } from '../domain/partner-row';
import type { Session } from '../domain/session';
import type { MobilizaDb } from '../db/database';
import type { HttpClient } from './http';

type Downloaded = Omit<PartnerRow, 'ownerId' | 'nameKey'>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function partnerOf(v: unknown): Downloaded | undefined {
  const p = v as Record<string, unknown>;
  if (!p || typeof p.id !== 'string' || typeof p.name !== 'string' || (p.status !== 'active' && p.status !== 'pending')) return undefined;
  return {
    id: p.id, municipalityCode: str(p.municipalityCode) ?? null, name: p.name, kind: str(p.kind) ?? '', governmental: p.governmental === true,
    sector: str(p.sector) ?? 'outro', phone: str(p.phone), email: str(p.email), social: str(p.social), campaigns: p.campaigns === true, status: p.status,
  };
}

/** Replaces the phone's copy of the municipality's (and the state-wide) partners. Returns how many. */
export async function pullPartners(db: MobilizaDb, http: HttpClient, session: Session): Promise<number> {
  const code = session.user.municipalityCode;
  if (session.user.role !== 'agent' || !code) return 0;
  const res = await http.request('GET', `/partners?municipality=${encodeURIComponent(code)}`);
  const body = (await res.json()) as { partners?: unknown };
  if (!Array.isArray(body.partners)) return 0;
  const rows = body.partners.map(partnerOf).filter((p): p is Downloaded => !!p);
  await replaceServerPartners(db, session.user.id, rows);
  return rows.length;
}
