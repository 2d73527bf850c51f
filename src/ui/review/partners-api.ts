// The partner registry for the reviewer console (#16): GET /partners, /partners/duplicates,
// /panel/partners, /partners/{id}, and the confirm/reject/merge POSTs. Same client, timeouts and
// pt-BR errors as review-api.ts (toRemoteError); answers parsed with the registry's schemas.
import {
  PanelPartnersResponseSchema,
  PartnerChangeResponseSchema,
  PartnerDetailResponseSchema,
  PartnerListResponseSchema,
  PartnerPairsResponseSchema,
  type PanelPartners,
  type PartnerChange,
  type PartnerDetail,
  type PartnerPair,
  type PartnerRecord,
} from '../../domain/partner-registry';
import { createHttpClient, type Fetch } from '../../sync/http';
import { RemoteError, toRemoteError, type RangeQuery } from './review-api';

export interface PartnersApi {
  /** active and pending partners of a regional unit (or the whole scope), by name */
  list(q: { regional?: string }): Promise<PartnerRecord[]>;
  detail(id: string): Promise<PartnerDetail>;
  duplicates(regional?: string): Promise<PartnerPair[]>;
  confirm(id: string): Promise<PartnerChange>;
  reject(id: string): Promise<PartnerChange>;
  /** `id` becomes part of `into` */
  merge(id: string, into: string): Promise<PartnerChange>;
  panel(q: RangeQuery): Promise<PanelPartners>;
}

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

export function createPartnersApi(opts: { fetch: Fetch; baseUrl: string; token: string; onExpired(): void }): PartnersApi {
  const http = createHttpClient(opts);
  const send = async <T>(schema: Schema<T>, method: string, path: string, body?: unknown): Promise<T> => {
    try {
      const res = await http.request(method, path, body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' });
      const r = schema.safeParse(await res.json().catch(() => undefined));
      if (!r.success) throw new RemoteError('server');
      return r.data;
    } catch (error) {
      throw toRemoteError(error, opts.onExpired);
    }
  };
  const one = (id: string) => `/partners/${encodeURIComponent(id)}`;
  const regionalQuery = (regional?: string) => (regional ? `?${new URLSearchParams({ regional })}` : '');
  return {
    list: async (q) => (await send(PartnerListResponseSchema, 'GET', `/partners${regionalQuery(q.regional)}`)).partners,
    detail: (id) => send(PartnerDetailResponseSchema, 'GET', one(id)),
    duplicates: async (regional) => (await send(PartnerPairsResponseSchema, 'GET', `/partners/duplicates${regionalQuery(regional)}`)).pairs,
    confirm: (id) => send(PartnerChangeResponseSchema, 'POST', `${one(id)}/confirm`),
    reject: (id) => send(PartnerChangeResponseSchema, 'POST', `${one(id)}/reject`),
    merge: (id, into) => send(PartnerChangeResponseSchema, 'POST', `${one(id)}/merge`, { into }),
    panel: (q) => send(PanelPartnersResponseSchema, 'GET',
      `/panel/partners?${new URLSearchParams({ from: q.from, to: q.to, ...(q.regional ? { regional: q.regional } : {}) })}`),
  };
}
