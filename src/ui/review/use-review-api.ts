import { useMemo } from 'preact/hooks';
import type { MobilizaDb } from '../../db/database';
import { markSessionExpired } from '../../db/session';
import type { Session } from '../../domain/session';
import { apiBaseUrl } from '../../sync/config';
import type { Fetch } from '../../sync/http';
import { createReviewApi, type ReviewApi } from './review-api';

/** The reviewer API for this session; a 401 marks the session expired ("Entre de novo"). */
export function useReviewApi(db: MobilizaDb, session: Session, fetch?: Fetch): ReviewApi {
  return useMemo(
    () => createReviewApi({
      fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
      baseUrl: apiBaseUrl(),
      token: session.token,
      onExpired: () => void markSessionExpired(db),
    }),
    [db, fetch, session.token],
  );
}
