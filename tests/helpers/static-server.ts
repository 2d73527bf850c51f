// Serves dist/ for browser tests that do not need the endpoint (vite preview on a free port).
import type { AddressInfo } from 'node:net';
import { preview, type PreviewServer } from 'vite';

export interface RunningApp {
  url: string;
  close: () => Promise<void>;
}

/** `outDir`: another build to serve (a benchmark's baseline); default dist/. */
export async function serveDist(outDir?: string): Promise<RunningApp> {
  const server: PreviewServer = await preview({
    configFile: false,
    root: process.cwd(),
    logLevel: 'silent',
    ...(outDir ? { build: { outDir } } : {}),
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
