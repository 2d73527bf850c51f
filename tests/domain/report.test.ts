import { describe, expect, it } from 'vitest';
import { emptyActionFields, type ActionDraft } from '../../src/domain/action';
import { buildSubmission, validateSubmission, type ReportDraft } from '../../src/domain/report';
import { formatProtocol, PROTOCOL_RE } from '../../src/domain/api';
import { photoRecord, validSubmission } from '../helpers/fixtures';

const NOW = new Date('2026-11-23T12:00:00Z');
const paths = (input: unknown, now = NOW) => {
  const r = validateSubmission(input, now);
  return r.success ? [] : r.issues.map((i) => i.path);
};

describe('validateSubmission', () => {
  it('accepts a complete report', () => {
    const r = validateSubmission(validSubmission(), NOW);
    expect(r.success).toBe(true);
  });

  it('accepts a numeric municipality code and normalises it to a string', () => {
    const r = validateSubmission({ ...validSubmission(), municipalityCode: 3106200 }, NOW);
    expect(r.success && r.data.municipalityCode).toBe('3106200');
  });

  it('lists every problem at once, each pointing to its field in Portuguese', () => {
    const s = validSubmission(3);
    s.actions[0].title = '';
    s.actions[1].themes = [];
    s.actions[2].photos = [];
    s.responsible.email = 'not-an-email';
    const r = validateSubmission(s, NOW);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => i.path)).toEqual([
      'responsible.email', 'actions.0.title', 'actions.1.themes', 'actions.2.photos',
    ]);
    expect(r.issues[1].message).toBe('Ação 1 — Título: título: preencha este campo');
    expect(r.issues[3].message).toMatch(/^Ação 3 — Fotos: adicione pelo menos uma foto/);
  });

  it('requires action dates inside the report month', () => {
    const s = validSubmission(2, '2026-10');
    s.actions[1].date = '2026-11-01';
    const r = validateSubmission(s, NOW);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.issues).toEqual([{ path: 'actions.1.date', message: 'Ação 2 — Data: a data (01/11/2026) deve estar dentro de outubro de 2026' }]);
    }
    s.actions[1].date = '2026-09-30';
    expect(paths(s)).toEqual(['actions.1.date']);
    s.actions[1].date = '2026-10-31';
    expect(paths(s)).toEqual([]);
  });

  it('refuses impossible dates and dates beyond today + 1 day', () => {
    const s = validSubmission(1);
    s.actions[0].date = '2026-11-31';
    expect(paths(s)).toContain('actions.0.date');
    s.actions[0].date = '2026-11-24'; // tomorrow: allowed as clock skew
    expect(paths(s)).toEqual([]);
    s.actions[0].date = '2026-11-25';
    expect(paths(s)).toEqual(['actions.0.date']);
  });

  it('refuses a month that has not started', () => {
    const s = validSubmission(0, '2026-12');
    s.noActionsJustification = 'x';
    expect(paths(s)).toEqual(['period']);
  });

  it('allows a month without actions only with a justification', () => {
    const s = validSubmission(0);
    expect(paths(s)).toEqual(['noActionsJustification']);
    s.noActionsJustification = '   ';
    expect(paths(s)).toEqual(['noActionsJustification']);
    s.noActionsJustification = 'Equipe em férias coletivas.';
    expect(paths(s)).toEqual([]);
  });

  it('rejects unknown keys, unknown municipalities and bad numbering', () => {
    expect(paths({ ...validSubmission(), extra: 1 })).toEqual(['']);
    expect(paths({ ...validSubmission(), municipalityCode: '3199999' })).toEqual(['municipalityCode']);
    const s = validSubmission(2);
    s.actions[1].number = 5;
    expect(paths(s)).toContain('actions.1.number');
    const d = validSubmission(1);
    d.actions[0].photos.push({ ...d.actions[0].photos[0], number: 2 });
    expect(paths(d)).toEqual(['actions.0.photos.1']);
  });

  it('asks for a description when the type, theme or audience is "outro"', () => {
    const s = validSubmission(1);
    Object.assign(s.actions[0], { type: 'outro', themes: ['outro'], audience: ['outro'] });
    expect(paths(s)).toEqual(['actions.0.typeOther', 'actions.0.themeOther', 'actions.0.audienceOther']);
    Object.assign(s.actions[0], { typeOther: 'Gincana', themeOther: 'Raiva', audienceOther: 'Motoristas' });
    expect(paths(s)).toEqual([]);
  });

  it('enforces the participant range and size limits', () => {
    const s = validSubmission(1);
    s.actions[0].participants = 100_001;
    s.actions[0].description = 'x'.repeat(4001);
    expect(paths(s)).toEqual(['actions.0.participants', 'actions.0.description']);
    s.actions[0].participants = 2.5;
    s.actions[0].description = 'ok';
    expect(paths(s)).toEqual(['actions.0.participants']);
  });

  it('answers non-objects with one issue', () => {
    expect(validateSubmission(null, NOW)).toMatchObject({ success: false });
    expect(validateSubmission([], NOW)).toMatchObject({ success: false });
  });
});

describe('buildSubmission', () => {
  it('turns phone rows into a valid submission, actions and photos in number order', () => {
    const report: ReportDraft = {
      id: '6f1c1b1e-6a7b-4c5d-8e9f-0a1b2c3d4e5f', ownerId: 'local', municipalityCode: '3106200', period: '2026-11',
      responsible: { name: ' Ana ', role: '', phone: '', email: '' }, notes: '', noActionsJustification: 'ignored',
      status: 'draft', revision: 3, createdAt: '', updatedAt: '',
    };
    const action = (n: number): ActionDraft => ({
      ...emptyActionFields(), id: `00000000-0000-4000-8000-00000000000${n}`, reportId: report.id, number: n,
      date: '2026-11-05', title: `A${n}`, type: 'oficina', themes: ['vacinacao'], place: { description: 'Praça', zone: 'rural' },
      audience: ['idosos'], participants: 0, partners: [{ name: '', sector: '' }], description: '', createdAt: '', updatedAt: '',
    });
    const photos = [photoRecord(action(2).id, report.id, 2, 'b'.repeat(64)), photoRecord(action(2).id, report.id, 1, 'a'.repeat(64)),
      photoRecord(action(1).id, report.id, 1, 'c'.repeat(64))];
    const sub = buildSubmission(report, [action(2), action(1)], photos, NOW) as any;
    expect(sub.actions.map((a: any) => a.number)).toEqual([1, 2]);
    expect(sub.actions[1].photos.map((p: any) => p.sha256[0])).toEqual(['a', 'b']);
    expect(sub.actions[0].partners).toEqual([]);
    expect(sub.responsible).toEqual({ name: 'Ana' });
    expect(sub.noActionsJustification).toBeUndefined();
    expect(sub.revision).toBe(3);
    expect(validateSubmission(JSON.parse(JSON.stringify(sub)), NOW)).toMatchObject({ success: true });
  });
});

describe('protocol numbers', () => {
  it('formats period, municipality and sequence', () => {
    expect(formatProtocol('2026-11', '3106200', 1)).toBe('MG-2026-11-3106200-0001');
    expect(PROTOCOL_RE.test(formatProtocol('2026-11', '3106200', 12345))).toBe(true);
  });
});
