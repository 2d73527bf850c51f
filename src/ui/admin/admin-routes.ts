// The administrators' screens live under #/equipe/…; the app's router hands the rest of the path here.
export type AdminView =
  | { view: 'nucleos'; q?: string }
  | { view: 'municipality'; code: string }
  | { view: 'accounts'; q?: string }
  | { view: 'account'; id: string; code?: string }
  | { view: 'new'; municipality?: string; role?: string }
  | { view: 'import' };

export function parseAdminView(parts: string[], params: URLSearchParams): AdminView {
  const p = (k: string) => params.get(k) || undefined;
  if (parts[0] === 'municipio' && parts[1]) return { view: 'municipality', code: parts[1] };
  if (parts[0] === 'contas') return { view: 'accounts', q: p('busca') };
  if (parts[0] === 'conta' && parts[1]) return { view: 'account', id: parts[1], code: p('novo') };
  if (parts[0] === 'nova') return { view: 'new', municipality: p('municipio'), role: p('papel') };
  if (parts[0] === 'importar') return { view: 'import' };
  return { view: 'nucleos', q: p('busca') };
}

const qs = (q: Record<string, string | undefined>) => {
  const e = Object.entries(q).filter((x): x is [string, string] => !!x[1]);
  return e.length ? `?${new URLSearchParams(e)}` : '';
};

export const adminHref = {
  nucleos: (q?: string) => `#/equipe${qs({ busca: q })}`,
  municipality: (code: string) => `#/equipe/municipio/${code}`,
  accounts: (q?: string) => `#/equipe/contas${qs({ busca: q })}`,
  account: (id: string) => `#/equipe/conta/${id}`,
  create: (q: { municipality?: string; role?: string } = {}) => `#/equipe/nova${qs({ municipio: q.municipality, papel: q.role })}`,
  import: () => '#/equipe/importar',
};
