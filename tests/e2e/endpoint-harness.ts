// The real endpoint (PGlite in a temp directory, serving dist/) behind a small HTTP proxy that the
// browser talks to. The proxy counts what reaches the server, injects failures, holds requests, and
// can stop and restart the endpoint — the "server side" a phone sees in a small town.
import { mkdtempSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/start';
import type { DemoAccount } from '../../server/demo';

export interface Seen {
  method: string;
  path: string;
  /** request line + headers + body, as they crossed the wire */
  bytes: number;
  bodyBytes: number;
  status?: number;
}

type Rule =
  | { match: RegExp; times: number; respond: number; headers?: Record<string, string> }
  | { match: RegExp; times: number; drop: true }
  | { match: RegExp; times: number; holdMs: number };

export interface Endpoint {
  /** the origin the browser uses (the proxy) */
  url: string;
  accounts: Record<'agent' | 'regional' | 'central', DemoAccount>;
  /** requests that reached the endpoint (not the ones dropped or answered by a rule) */
  seen: Seen[];
  /** every request the proxy got, including injected failures */
  all: Seen[];
  /** the next `times` requests matching get `respond` status / are dropped / are held */
  rule(rule: Rule): void;
  /** runs before a request is forwarded; may stop the backend to simulate a crash mid-sync */
  onRequest?: (s: Seen) => Promise<void> | void;
  stopBackend(): Promise<void>;
  startBackend(): Promise<void>;
  backend(): RunningServer | undefined;
  close(): Promise<void>;
}

export async function startEndpoint(): Promise<Endpoint> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mobiliza-endpoint-'));
  let backend: RunningServer | undefined = await startServer({ port: 0, dataDir, distDir: 'dist', demo: true, logger: false });
  const demo = backend.demoAccounts;
  const accounts = {
    agent: demo.find((a) => a.role === 'agent')!,
    regional: demo.find((a) => a.role === 'regional')!,
    central: demo.find((a) => a.role === 'central')!,
  };
  const rules: Rule[] = [];

  const ep: Endpoint = {
    url: '',
    accounts,
    seen: [],
    all: [],
    rule: (r) => void rules.push(r),
    async stopBackend() {
      const b = backend;
      backend = undefined;
      await b?.close();
    },
    async startBackend() {
      if (!backend) backend = await startServer({ port: 0, dataDir, distDir: 'dist', logger: false });
    },
    backend: () => backend,
    async close() {
      await new Promise<void>((r) => proxy.close(() => r()));
      proxy.closeAllConnections?.();
      await ep.stopBackend();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };

  const proxy = http.createServer((req, res) => void relay(req, res));
  async function relay(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const headerBytes = Buffer.byteLength(`${req.method} ${req.url} HTTP/1.1\r\n`) +
      req.rawHeaders.reduce((n, h, i) => n + Buffer.byteLength(h) + (i % 2 ? 2 : 2), 0) + 2;
    const seen: Seen = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0], bytes: headerBytes + body.length, bodyBytes: body.length };
    ep.all.push(seen);
    const line = `${seen.method} ${seen.path}`;
    const rule = rules.find((r) => r.times > 0 && r.match.test(line));
    if (rule) {
      rule.times--;
      if ('drop' in rule) return void req.socket.destroy();
      if ('respond' in rule) {
        res.writeHead(rule.respond, { 'content-type': 'application/json', ...rule.headers });
        return void res.end(JSON.stringify({ error: { code: `injected_${rule.respond}`, message: `Falha simulada (${rule.respond})` } }));
      }
      await new Promise((r) => setTimeout(r, rule.holdMs));
    }
    await ep.onRequest?.(seen);
    if (!backend) return void req.socket.destroy(); // endpoint down: the connection just dies
    ep.seen.push(seen);
    try {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      const answer = await fetch(`${backend.url}${req.url}`, {
        method: req.method,
        headers,
        body: ['GET', 'HEAD'].includes(seen.method) ? undefined : body,
        redirect: 'manual',
      });
      seen.status = answer.status;
      const out = Buffer.from(await answer.arrayBuffer());
      const outHeaders = Object.fromEntries([...answer.headers].filter(([k]) => !['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)));
      res.writeHead(answer.status, outHeaders);
      res.end(seen.method === 'HEAD' ? undefined : out);
    } catch {
      req.socket.destroy();
    }
  }
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  ep.url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return ep;
}

/** Requests that reached the endpoint, as "METHOD /path" lines. */
export const lines = (seen: Seen[], prefix = '') => seen.map((s) => `${s.method} ${s.path}`).filter((l) => l.startsWith(prefix));

/** Builds dist/ once when a test file runs without `npx vite build` first. */
export async function ensureDist(): Promise<void> {
  const { existsSync } = await import('node:fs');
  if (existsSync('dist/index.html')) return;
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}
