// The real browser objects and the session's HTTP client for src/sync/push-subscription.
import type { MobilizaDb } from '../../db/database';
import { getSession } from '../../db/session';
import { apiBaseUrl } from '../../sync/config';
import { createHttpClient, type HttpClient } from '../../sync/http';
import type { PushEnv, PushRegistration } from '../../sync/push-subscription';

export async function sessionHttp(db: MobilizaDb): Promise<HttpClient | undefined> {
  const session = await getSession(db);
  if (!session || session.expired) return undefined;
  return createHttpClient({ fetch: (i, init) => fetch(i, init), baseUrl: apiBaseUrl(), token: session.token });
}

/** The service worker's registration (undefined when there is none, e.g. in development). */
export async function pushEnv(): Promise<PushEnv | undefined> {
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  if (!registration || !('pushManager' in registration)) return undefined;
  return {
    registration: registration as unknown as PushRegistration,
    permission: () => Notification.permission,
    requestPermission: () => Notification.requestPermission(),
  };
}
