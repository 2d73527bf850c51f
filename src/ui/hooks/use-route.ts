// first-load module: a hash router (works offline from the precached index.html).
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'list' }
  | { name: 'report'; reportId: string; field?: string }
  | { name: 'action'; reportId: string; actionId: string; field?: string }
  | { name: 'check'; reportId: string }
  | { name: 'settings' }
  | { name: 'profile' };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const field = new URLSearchParams(query).get('campo') ?? undefined;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'relatorio' && parts[1]) {
    if (parts[2] === 'acao' && parts[3]) return { name: 'action', reportId: parts[1], actionId: parts[3], field };
    if (parts[2] === 'verificar') return { name: 'check', reportId: parts[1] };
    return { name: 'report', reportId: parts[1], field };
  }
  if (parts[0] === 'configuracoes') return { name: 'settings' };
  if (parts[0] === 'perfil') return { name: 'profile' };
  return { name: 'list' };
}

export const href = {
  list: () => '#/',
  report: (reportId: string, field?: string) => `#/relatorio/${reportId}${field ? `?campo=${field}` : ''}`,
  action: (reportId: string, actionId: string, field?: string) =>
    `#/relatorio/${reportId}/acao/${actionId}${field ? `?campo=${field}` : ''}`,
  check: (reportId: string) => `#/relatorio/${reportId}/verificar`,
  settings: () => '#/configuracoes',
  profile: () => '#/perfil',
};

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
