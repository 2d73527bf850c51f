// The CSV of the partners who agreed to receive SES campaigns (#16), central only: streamed page
// by page from the registry.
import { findMunicipality } from '../../src/domain/municipality.ts';
import { kindLabel } from '../../src/domain/partner-registry.ts';
import { sectorLabel } from '../../src/domain/vocabulary.ts';
import type { CampaignPartnerRow } from '../store/partners-store.ts';
import { BOM, csvLine } from './csv.ts';

export const PARTNERS_CSV_HEADER = [
  'Nome', 'Tipo', 'Governamental', 'Setor', 'Código IBGE', 'Município', 'Unidade regional', 'Telefone', 'E-mail', 'Rede social', 'Origem', 'Atualizado em',
] as const;

export async function* partnersCsvChunks(batches: AsyncGenerator<CampaignPartnerRow[], void, undefined>): AsyncGenerator<string, void, undefined> {
  yield BOM + `${csvLine(PARTNERS_CSV_HEADER)}\r\n`;
  for await (const rows of batches) {
    let out = '';
    for (const p of rows) {
      const m = p.municipality_code ? findMunicipality(p.municipality_code) : undefined;
      out += `${csvLine([
        p.name, kindLabel(p.kind), p.governmental ? 'Sim' : 'Não', sectorLabel(p.sector), p.municipality_code ?? '',
        m?.name ?? (p.municipality_code ? '' : 'Estadual'), m?.regional ?? '', p.phone ?? '', p.email ?? '', p.social ?? '',
        p.source === 'signup' ? 'Inscrição pública' : 'Agente', p.updated_at.toISOString().slice(0, 10),
      ])}\r\n`;
    }
    yield out;
  }
}
