// One read-only shape of a monthly report for the review screen and the printable report, built
// from the endpoint's answer (reviewers) or from the phone's own rows (the agent, offline).
import type { ReportDetail } from '../../domain/api';
import type { ActionDraft } from '../../domain/action';
import type { ProfileSetting } from '../../domain/outbox';
import type { PhotoRecord } from '../../domain/photo';
import type { ReportDraft, ReportStatus, ReportSubmission } from '../../domain/report';

export interface PhotoView {
  /** stable identity for object URLs */
  key: string;
  sha256: string;
  number: number;
  caption?: string;
  lat?: number;
  lon?: number;
  /** the phone's stored photo; absent for reviewers (fetched from the endpoint) */
  blob?: Blob;
}

export interface ActionView {
  id: string;
  number: number;
  date: string;
  title: string;
  type: string;
  typeOther?: string;
  themes: string[];
  themeOther?: string;
  place: { description: string; zone: string };
  audience: string[];
  audienceOther?: string;
  participants: number | null;
  partners: { name: string; sector: string }[];
  description: string;
  photos: PhotoView[];
}

export interface ReportView {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  regional: string;
  period: string;
  responsible: { name: string; role?: string; phone?: string; email?: string };
  notes?: string;
  noActionsJustification?: string;
  protocol?: string;
  status: ReportStatus;
  revision: number;
  receivedAt?: string;
  actions: ActionView[];
}

export function fromDetail(d: ReportDetail): ReportView {
  const s = d.report as unknown as ReportSubmission;
  return {
    id: s.id,
    municipalityCode: d.municipality.code,
    municipalityName: d.municipality.name,
    regional: d.municipality.regional,
    period: s.period,
    responsible: s.responsible,
    notes: s.notes,
    noActionsJustification: s.noActionsJustification,
    protocol: d.protocol,
    status: d.status,
    revision: d.revision,
    receivedAt: d.receivedAt,
    actions: (s.actions ?? []).map((a) => ({
      ...a,
      participants: a.participants ?? null,
      partners: a.partners ?? [],
      photos: (a.photos ?? []).map((p) => ({ ...p, key: `${a.id}:${p.sha256}` })),
    })),
  };
}

export function fromDrafts(r: ReportDraft, actions: ActionDraft[], photos: PhotoRecord[], profile: ProfileSetting): ReportView {
  const opt = (v: string) => v.trim() || undefined;
  return {
    id: r.id,
    municipalityCode: r.municipalityCode,
    municipalityName: profile.municipalityName,
    regional: profile.regional,
    period: r.period,
    responsible: { name: r.responsible.name, role: opt(r.responsible.role), phone: opt(r.responsible.phone), email: opt(r.responsible.email) },
    notes: opt(r.notes),
    noActionsJustification: actions.length ? undefined : opt(r.noActionsJustification),
    protocol: r.protocol,
    status: r.status,
    revision: r.revision,
    receivedAt: r.receivedAt,
    actions: [...actions]
      .sort((a, b) => a.number - b.number)
      .map((a) => ({
        ...a,
        typeOther: opt(a.typeOther),
        themeOther: opt(a.themeOther),
        audienceOther: opt(a.audienceOther),
        photos: photos
          .filter((p) => p.actionId === a.id)
          .sort((x, y) => x.number - y.number)
          .map((p) => ({ key: `${p.id}:${p.sha256}`, sha256: p.sha256, number: p.number, caption: opt(p.caption), lat: p.lat, lon: p.lon, blob: p.blob })),
      })),
  };
}
