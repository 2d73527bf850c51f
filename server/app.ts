import helmet from '@fastify/helmet';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { API_PREFIX } from '../src/domain/api.ts';
import { DEFAULT_LIMITS, type ServerLimits } from './config.ts';
import { ApiError, ERROR_MESSAGES, errorBody, formatBytes } from './errors.ts';
import { authRoutes } from './routes/auth.ts';
import { photoRoutes } from './routes/photos.ts';
import { reportRoutes } from './routes/reports.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { panelRoutes } from './routes/panel.ts';
import { exportRoutes } from './routes/exports.ts';
import { registerAppShell } from './routes/app-shell.ts';
import { duplicateRoutes } from './routes/duplicates.ts';
import { municipalityReportRoutes } from './routes/municipality-reports.ts';
// issue #15: public site and highlights
import { highlightRoutes } from './routes/highlights.ts';
import { panelMapRoutes } from './routes/panel-map.ts';
import { materialRoutes } from './routes/materials.ts';
import { publicSiteRoutes } from './public-site/routes.ts';
import { authenticate } from './auth/authenticate.ts';
import { touchDevice } from './auth/touch-device.ts';
import { accessCodeRoutes } from './routes/access-codes.ts';
import { adminAccountRoutes } from './routes/admin-accounts.ts';
import { nucleoRoutes } from './routes/nucleos.ts';
import { partnerRoutes } from './routes/partners.ts';
import type { AppContext } from './context.ts';
import type { SqlStore } from './store/sql-store.ts';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './store/db-unavailable.ts';
import { healthRoutes } from './routes/health.ts';
import { deadlineRoutes } from './routes/deadlines.ts';
import { pushRoutes } from './routes/push.ts';
import { loadVapidDetails, type VapidDetails } from './notifications/vapid.ts';
import { DeviceSecrets } from './auth/device-secret.ts';
import { reportPackageRoutes } from './routes/report-packages.ts';

export interface AppDeps {
  store: SqlStore;
  limits?: Partial<ServerLimits>;
  /** Fastify logger option (false in tests). Authorization headers are redacted. */
  logger?: FastifyServerOptions['logger'];
  /** Built PWA to serve (dist/); omitted → API only. */
  distDir?: string;
  now?: () => Date;
  /** Origin allowed to call the API cross-origin (CORS); same origin only when absent. */
  appOrigin?: string;
  /** Send Strict-Transport-Security (only behind HTTPS). */
  hsts?: boolean;
  /** Fastify trustProxy (behind a reverse proxy: take the client address from X-Forwarded-For). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Web Push (#14): VAPID keys (else kept in the store), the fetch that reaches push services, and the scheduler to wake after a review. */
  push?: { vapid?: Partial<VapidDetails>; fetch?: typeof fetch; wake?: () => void };
  /** Key sealing the device secrets (DEVICE_SECRET_KEY, 32 bytes base64); else generated and kept in the store. */
  deviceSecretKey?: string;
}

/** The regional endpoint: API routes, app shell, security headers, one error handler. No listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const ctx: AppContext = {
    store: deps.store, limits, now: deps.now ?? (() => new Date()),
    deviceSecrets: new DeviceSecrets(deps.store.driver, deps.deviceSecretKey),
  };
  const logger = deps.logger === undefined || deps.logger === false ? false : deps.logger;
  const app = Fastify({
    logger,
    bodyLimit: limits.defaultBodyBytes,
    trustProxy: deps.trustProxy ?? false,
    // Report ids and hashes only; a long URL is an error, not a lookup.
    routerOptions: { maxParamLength: 100 },
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // browser-image-compression runs in a blob: worker that importScripts a same-origin file.
        workerSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'blob:', 'data:'],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // The app may be served over plain HTTP on a LAN: HSTS only when asked for.
    hsts: deps.hsts ? { maxAge: 180 * 24 * 3600 } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: deps.appOrigin ? 'cross-origin' : 'same-origin' },
  });

  if (deps.appOrigin) {
    const origin = deps.appOrigin;
    app.addHook('onRequest', async (req, reply) => {
      if (req.headers.origin !== origin || !req.url.startsWith('/api/')) return;
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin')
        .header('access-control-expose-headers', 'Retry-After, Location');
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        return reply
          .header('access-control-allow-methods', 'GET, HEAD, PUT, POST, PATCH, DELETE')
          .header('access-control-allow-headers', 'Authorization, Content-Type')
          .header('access-control-max-age', '600')
          .code(204)
          .send();
      }
    });
  }

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) {
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
      return reply.code(err.status).send(errorBody(err.code, err.message, err.extra));
    }
    const status = err.statusCode ?? 500;
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE': {
        const limit = req.routeOptions.bodyLimit ?? limits.defaultBodyBytes;
        const what = req.url.includes('/photos/') ? 'A foto' : req.url.includes('/materials') ? 'O arquivo' : 'O conteúdo enviado';
        return reply.code(413).send(errorBody('too_large', `${what} excede o limite de ${formatBytes(limit)}.`));
      }
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send(errorBody('unsupported_media_type', 'Tipo de conteúdo não aceito nesta rota.'));
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send(errorBody('invalid_request', 'O corpo da requisição não é um JSON válido.'));
    }
    if (status === 429) return reply.code(429).send(errorBody('rate_limited'));
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err: { code: err.code, message: err.message } }, 'database unavailable');
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send(errorBody('unavailable'));
    }
    if (status >= 400 && status < 500) return reply.code(status).send(errorBody('invalid_request'));
    // Log what helps and nothing more: database errors carry the query parameters.
    req.log.error({ err: { type: err.name, code: err.code, message: err.message, stack: err.stack } }, 'request failed');
    return reply.code(500).send(errorBody('internal_error'));
  });

  // Loaded (or generated and stored) at the first push route that needs the keys.
  let vapidLoading: Promise<VapidDetails> | undefined;
  const vapid = () => (vapidLoading ??= loadVapidDetails(ctx.store.driver, deps.push?.vapid, ctx.now()).catch((err) => {
    vapidLoading = undefined;
    throw err;
  }));
  // A review decision is notified at the next scheduler tick: wake it now instead of within a minute.
  const wake = deps.push?.wake;
  if (wake) {
    app.addHook('onResponse', async (req, reply) => {
      if (req.method === 'POST' && reply.statusCode === 201 && req.routeOptions.url?.endsWith('/reviews')) wake();
    });
  }

  await app.register(
    async (api) => {
      api.addHook('onRequest', authenticate(ctx));
      api.addHook('onResponse', touchDevice(ctx));
      await authRoutes(api, ctx);
      await photoRoutes(api, ctx);
      await reportRoutes(api, ctx);
      await reportPackageRoutes(api, ctx);
      await reviewRoutes(api, ctx);
      await panelRoutes(api, ctx);
      await exportRoutes(api, ctx);
      await deadlineRoutes(api, ctx);
      await pushRoutes(api, ctx, { vapid, fetch: deps.push?.fetch ?? globalThis.fetch });
      await duplicateRoutes(api, ctx);
      await municipalityReportRoutes(api, ctx);
      // account management (#13)
      await accessCodeRoutes(api, ctx);
      await adminAccountRoutes(api, ctx);
      await nucleoRoutes(api, ctx);
      await highlightRoutes(api, ctx);
      await panelMapRoutes(api, ctx);
      // partner registry (#16)
      await partnerRoutes(api, ctx);
      await materialRoutes(api, ctx);
    },
    { prefix: API_PREFIX },
  );

  await publicSiteRoutes(app, ctx);
  await healthRoutes(app, ctx);

  const sendAppShell = deps.distDir ? await registerAppShell(app, deps.distDir) : undefined;
  app.setNotFoundHandler((req, reply) => {
    if (sendAppShell && !req.url.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendAppShell(req, reply);
    }
    return reply.code(404).send(errorBody('not_found', ERROR_MESSAGES.not_found));
  });
  return app;
}
