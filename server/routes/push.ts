import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { PushPreferencesSchema, PushSubscriptionRequestSchema, type PushState } from '../../src/domain/push.ts';
import type { AppContext } from '../context.ts';
import { userOf } from '../auth/authenticate.ts';
import { ApiError } from '../errors.ts';
import { deliverNow } from '../notifications/notification-scheduler.ts';
import { testPayload } from '../notifications/notification-texts.ts';
import {
  decide, deleteSubscriptionOfSession, regionalDigestOf, saveSubscription, setRegionalDigest, subscriptionOfSession,
} from '../notifications/push-store.ts';
import type { VapidDetails } from '../notifications/vapid.ts';
import { parseWithIssues } from './zod-issues.ts';

export interface PushContext {
  vapid: () => Promise<VapidDetails>;
  /** what sends to the push services (tests: the local mock) */
  fetch: typeof fetch;
}

/**
 * GET/PUT/DELETE /push/subscription (this device session's Web Push subscription),
 * PUT /push/preferences (regional digest), POST /push/test (one notification to this device now).
 */
export async function pushRoutes(api: FastifyInstance, ctx: AppContext, push: PushContext): Promise<void> {
  const { store, now } = ctx;
  const sessionOf = (req: { sessionId?: string }) => req.sessionId as string;

  const state = async (req: { sessionId?: string; user?: unknown }): Promise<PushState> => {
    const user = userOf(req as never);
    return {
      publicKey: (await push.vapid()).publicKey,
      subscribed: !!(await subscriptionOfSession(store.driver, sessionOf(req))),
      regionalDigest: await regionalDigestOf(store.driver, user.id),
    };
  };

  api.get('/push/subscription', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return state(req);
  });

  api.put('/push/subscription', async (req, reply) => {
    const parsed = parseWithIssues(PushSubscriptionRequestSchema, req.body);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'Inscrição de notificações inválida.', { issues: parsed.issues });
    const { created } = await saveSubscription(store.driver, { sessionId: sessionOf(req), userId: userOf(req).id, sub: parsed.data, now: now() });
    return reply.code(created ? 201 : 200).send(await state(req));
  });

  api.delete('/push/subscription', async (req, reply) => {
    await deleteSubscriptionOfSession(store.driver, sessionOf(req));
    return reply.code(204).send();
  });

  api.put('/push/preferences', { config: { roles: ['regional'] } }, async (req) => {
    const parsed = parseWithIssues(PushPreferencesSchema, req.body);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'Preferência inválida.', { issues: parsed.issues });
    await setRegionalDigest(store.driver, userOf(req).id, parsed.data.regionalDigest, now());
    return state(req);
  });

  api.post('/push/test', async (req, reply) => {
    const sub = await subscriptionOfSession(store.driver, sessionOf(req));
    if (!sub) throw new ApiError(404, 'no_subscription');
    const at = now();
    const key = `test:${sub.id}:${randomUUID()}`;
    await decide(store.driver, [{ key, audience: 'subscription', subject: String(sub.id), payload: testPayload() }], at);
    const outcome = await deliverNow({ driver: store.driver, vapid: await push.vapid(), now, fetch: push.fetch }, key);
    if (outcome?.outcome === 'sent') return reply.code(202).send({ sent: true });
    if (outcome?.outcome === 'gone') throw new ApiError(410, 'push_gone');
    if (!outcome) throw new ApiError(404, 'no_subscription');
    req.log.warn({ error: outcome.error }, 'test notification failed');
    throw new ApiError(502, 'push_failed');
  });
}
