import { useMemo } from 'preact/hooks';
import { markSessionExpired } from '../../db/session';
import type { Session } from '../../domain/session';
import { apiBaseUrl } from '../../sync/config';
import type { Fetch } from '../../sync/http';
import { useDb } from '../db-context';
import { createAdminApi, type AdminApi } from './admin-api';

/** The administrators' API for this session; a 401 marks the session expired ("Entre de novo"). */
export function useAdminApi(session: Session, fetch?: Fetch): AdminApi {
  const db = useDb();
  return useMemo(
    () => createAdminApi({ fetch: fetch ?? ((i, init) => globalThis.fetch(i, init)), baseUrl: apiBaseUrl(), token: session.token, onExpired: () => void markSessionExpired(db) }),
    [db, fetch, session.token],
  );
}
