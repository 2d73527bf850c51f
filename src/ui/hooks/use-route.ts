// first-load module: a hash router (works offline from the precached index.html).
import { useEffect, useState } from 'preact/hooks';
import { SERVER_REPORT_STATUSES, type ServerReportStatus } from '../../domain/status';

export type Route =
  | { name: 'list' }
  | { name: 'report'; reportId: string; field?: string }
  | { name: 'action'; reportId: string; actionId: string; field?: string }
  | { name: 'check'; reportId: string }
  | { name: 'settings' }
  | { name: 'materials' }
  | { name: 'profile' }
  | { name: 'signIn'; code?: string }
  | { name: 'team'; parts: string[]; query: string }
  | { name: 'review'; period?: string; regional?: string; status?: ServerReportStatus }
  | { name: 'reviewReport'; reportId: string }
  | { name: 'reviewImport' }
  | { name: 'panel'; from?: string; to?: string; regional?: string }
  | { name: 'print'; reportId: string }
  | { name: 'partners'; partnerId?: string };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const param = (key: string) => params.get(key) || undefined;
  const field = param('campo');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'relatorio' && parts[1]) {
    if (parts[2] === 'acao' && parts[3]) return { name: 'action', reportId: parts[1], actionId: parts[3], field };
    if (parts[2] === 'verificar') return { name: 'check', reportId: parts[1] };
    return { name: 'report', reportId: parts[1], field };
  }
  if (parts[0] === 'configuracoes') return { name: 'settings' };
  if (parts[0] === 'materiais') return { name: 'materials' };
  if (parts[0] === 'perfil') return { name: 'profile' };
  if (parts[0] === 'entrar') return { name: 'signIn', code: param('codigo') };
  if (parts[0] === 'equipe') return { name: 'team', parts: parts.slice(1), query };
  if (parts[0] === 'revisao') {
    if (parts[1] === 'relatorio' && parts[2]) return { name: 'reviewReport', reportId: parts[2] };
    if (parts[1] === 'importar') return { name: 'reviewImport' };
    const status = param('situacao');
    return { name: 'review', period: param('mes'), regional: param('regional'), status: SERVER_REPORT_STATUSES.find((s) => s === status) };
  }
  if (parts[0] === 'painel') return { name: 'panel', from: param('de'), to: param('ate'), regional: param('regional') };
  if (parts[0] === 'parceiros') return { name: 'partners', partnerId: parts[1] };
  if (parts[0] === 'imprimir' && parts[1]) return { name: 'print', reportId: parts[1] };
  return { name: 'list' };
}

export const href = {
  list: () => '#/',
  report: (reportId: string, field?: string) => `#/relatorio/${reportId}${field ? `?campo=${field}` : ''}`,
  action: (reportId: string, actionId: string, field?: string) =>
    `#/relatorio/${reportId}/acao/${actionId}${field ? `?campo=${field}` : ''}`,
  check: (reportId: string) => `#/relatorio/${reportId}/verificar`,
  settings: () => '#/configuracoes',
  materials: () => '#/materiais',
  profile: () => '#/perfil',
  signIn: () => '#/entrar',
  review: (q: { period?: string; regional?: string; status?: string } = {}) => `#/revisao${query({ mes: q.period, regional: q.regional, situacao: q.status })}`,
  reviewReport: (reportId: string) => `#/revisao/relatorio/${reportId}`,
  reviewImport: () => '#/revisao/importar',
  panel: (q: { from?: string; to?: string; regional?: string } = {}) => `#/painel${query({ de: q.from, ate: q.to, regional: q.regional })}`,
  print: (reportId: string) => `#/imprimir/${reportId}`,
  team: () => '#/equipe',
  partners: (partnerId?: string) => `#/parceiros${partnerId ? `/${encodeURIComponent(partnerId)}` : ''}`,
};

function query(q: Record<string, string | undefined>): string {
  const entries = Object.entries(q).filter((e): e is [string, string] => !!e[1]);
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

export function navigate(to: string): void {
  location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseRoute(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
