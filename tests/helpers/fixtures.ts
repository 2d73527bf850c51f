import type { ActionDraft } from '../../src/domain/action';
import type { PhotoRecord } from '../../src/domain/photo';

/** A complete, valid submission for `period` (default 2026-11) with `n` actions. */
export function validSubmission(n = 2, period = '2026-11'): Record<string, any> {
  return {
    id: '6f1c1b1e-6a7b-4c5d-8e9f-0a1b2c3d4e5f',
    revision: 1,
    schemaVersion: 1,
    municipalityCode: '3106200',
    period,
    responsible: { name: 'Ana Souza', role: 'Referência técnica', phone: '(31) 99999-0000', email: 'ana@example.org' },
    actions: Array.from({ length: n }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i + 1}`,
      number: i + 1,
      date: `${period}-1${i}`,
      title: `Ação ${i + 1}`,
      type: 'palestra',
      themes: ['arboviroses'],
      place: { description: 'Escola Estadual', zone: 'urbana' },
      audience: ['populacao_geral'],
      participants: 40 + i,
      partners: [{ name: 'Secretaria de Educação', sector: 'educacao' }],
      description: 'Palestra sobre eliminação de criadouros.',
      photos: [
        {
          sha256: String(i + 1).repeat(64).slice(0, 64),
          number: 1,
          mimeType: 'image/jpeg',
          byteSize: 180_000,
          width: 1600,
          height: 1200,
        },
      ],
    })),
    submittedAt: `${period}-20T12:00:00.000Z`,
  };
}

export function photoRecord(actionId: string, reportId: string, number: number, sha: string): PhotoRecord {
  return {
    id: crypto.randomUUID(),
    actionId,
    reportId,
    number,
    caption: '',
    sha256: sha,
    mimeType: 'image/jpeg',
    byteSize: 3,
    width: 10,
    height: 10,
    fileName: 'x.jpg',
    fileSize: 3,
    blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
    thumb: new Blob([new Uint8Array([1])], { type: 'image/jpeg' }),
    createdAt: new Date().toISOString(),
  };
}

export type { ActionDraft };
