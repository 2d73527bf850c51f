import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';

const EVERY_MS = 5 * 60 * 1000;

/**
 * onResponse hook: remembers when each device was last seen ("visto por último" on the account
 * page, active núcleos), writing at most once every five minutes per device and process.
 */
export function touchDevice(ctx: AppContext) {
  const admin = ctx.store.admin;
  const lastWrite = new Map<string, number>();
  return async (req: FastifyRequest): Promise<void> => {
    const id = req.sessionId;
    if (!id) return;
    const now = ctx.now();
    const t = now.getTime();
    if (t - (lastWrite.get(id) ?? -Infinity) < EVERY_MS) return;
    if (lastWrite.size >= 50_000) lastWrite.clear();
    lastWrite.set(id, t);
    await admin.touchSession(id, now, new Date(t - EVERY_MS));
  };
}
