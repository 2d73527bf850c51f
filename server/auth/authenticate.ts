import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { hashToken } from './tokens.ts';

const BEARER_RE = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

/**
 * onRequest hook of the API: resolves `Authorization: Bearer <token>` to req.user (401 when
 * missing or not live) and enforces the route's `roles` (403). Runs before the body is read, so a
 * refused upload costs nothing.
 */
export function authenticate(ctx: AppContext) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const config = req.routeOptions.config;
    if (config.public) return;
    const m = BEARER_RE.exec(req.headers.authorization ?? '');
    const session = m ? await ctx.store.accounts.sessionByToken(hashToken(m[1]), ctx.now()) : undefined;
    if (!session) throw new ApiError(401, 'unauthenticated', undefined, {}, { 'www-authenticate': 'Bearer' });
    req.user = session.user;
    req.sessionId = session.sessionId;
    if (config.roles && !config.roles.includes(session.user.role)) throw new ApiError(403, 'forbidden');
  };
}

/** The signed-in user (routes behind `authenticate`). */
export function userOf(req: FastifyRequest) {
  if (!req.user) throw new ApiError(401, 'unauthenticated');
  return req.user;
}
