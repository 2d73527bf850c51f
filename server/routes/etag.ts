// A weak ETag over the JSON answer, so a reviewer screen that refreshes itself every few seconds
// gets `304 Not Modified` with no body while nothing changed (issue #12).
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Sends `body` as JSON with its ETag, or `304` when the client's `If-None-Match` already has it. */
export function sendTagged(req: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  const json = JSON.stringify(body);
  const tag = `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', tag).header('cache-control', 'private, no-cache').header('vary', 'Authorization');
  const asked = req.headers['if-none-match'];
  if (asked && asked.split(',').some((t) => t.trim() === tag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}
