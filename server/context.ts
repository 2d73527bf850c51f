// What every route gets, and the request fields the API adds. Routes import this file, never
// app.ts (which imports the routes): no import cycle.
import type { Role, User } from '../src/domain/api.ts';
import type { ServerLimits } from './config.ts';
import type { SqlStore } from './store/sql-store.ts';
import type { DeviceSecrets } from './auth/device-secret.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: User;
    sessionId?: string;
  }
  interface FastifyContextConfig {
    /** Route reachable without a device token. */
    public?: boolean;
    /** Roles allowed on the route (any signed-in user when absent). */
    roles?: readonly Role[];
  }
}

/** What every route gets: the store, the limits and the clock. */
export interface AppContext {
  store: SqlStore;
  limits: ServerLimits;
  now: () => Date;
  /** Plan B (#17): the per-device secrets that sign report packages */
  deviceSecrets: DeviceSecrets;
}
