// A local push service for tests: web-push-testing's model and HTTP server, run in this process on
// a free port. It accepts subscriptions for a VAPID key, checks the VAPID signature, decrypts each
// message (aes128gcm) and keeps the plaintext; an expired subscription answers 410.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const require = createRequire(import.meta.url);

export interface MockSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

export interface MockPushService {
  url: string;
  subscribe(applicationServerKey: string): Promise<MockSubscription>;
  /** decrypted payloads received for one subscription, parsed as JSON */
  messages(clientHash: string): Record<string, unknown>[];
  /** later sends to it answer 410 Gone */
  expire(clientHash: string): void;
  /** every request the service answered, with its status */
  requests: { clientHash: string; status: number }[];
  close(): Promise<void>;
}

export async function startMockPushService(): Promise<MockPushService> {
  const { PushApiModel } = require('web-push-testing/src/PushApiModel.js');
  const TestingServer = require('web-push-testing/src/server.js');
  const model = new PushApiModel();
  const testing = new TestingServer(model, 0);
  const requests: MockPushService['requests'] = [];
  testing._app.use((req: { path: string }, res: { on(e: string, f: () => void): void; statusCode: number }, next: () => void) => {
    const m = /^\/notify\/([0-9a-f]+)$/.exec(req.path);
    if (m) res.on('finish', () => requests.push({ clientHash: m[1], status: res.statusCode }));
    next();
  });
  testing.setRequestHandlers();
  const server: Server = await new Promise((resolve, reject) => {
    const s = testing._app.listen(0, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  model.notifyUrl = `${url}/notify/`;
  return {
    url,
    requests,
    subscribe: (applicationServerKey) => model.subscribe({ userVisibleOnly: 'true', applicationServerKey }),
    messages: (clientHash) => ((model.messages[clientHash] ?? []) as string[]).map((m) => JSON.parse(m)),
    expire: (clientHash) => model.expireSubscription(clientHash),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
