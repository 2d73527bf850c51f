import { useMemo } from 'preact/hooks';
import type { MobilizaDb } from '../../db/database';
import { markSessionExpired } from '../../db/session';
import type { Session } from '../../domain/session';
import { apiBaseUrl } from '../../sync/config';
import type { Fetch } from '../../sync/http';
import { createPartnersApi, type PartnersApi } from './partners-api';

/** The partner registry's API for this session (a 401 marks the session expired, as useReviewApi). */
export function usePartnersApi(db: MobilizaDb, session: Session, fetch?: Fetch): PartnersApi {
  return useMemo(
    () => createPartnersApi({
      fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
      baseUrl: apiBaseUrl(),
      token: session.token,
      onExpired: () => void markSessionExpired(db),
    }),
    [db, fetch, session.token],
  );
}
