/** The part of the Web Locks API the sync engine uses (navigator.locks in pages and workers). */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** In-context fallback where Web Locks are missing (and for tests): same semantics, one context. */
export function createMemoryLocks(): LockManagerLike {
  const held = new Set<string>();
  return {
    async request(name, { ifAvailable }, callback) {
      if (held.has(name)) {
        if (ifAvailable) return callback(null);
        throw new Error('memory locks support ifAvailable only');
      }
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

export const OUTBOX_LOCK = 'mobiliza-outbox';
