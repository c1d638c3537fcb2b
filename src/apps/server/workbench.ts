/**
 * The web workbench as the server serves it: the files Vite built into web/dist, each hashed
 * asset cached for a year, and the page itself (never cached) at `/` and at every path of the
 * workbench (/search, /entities/…), which the browser's router then shows. Headers keep the page
 * to its own origin: no other site's scripts, styles, images or connections, no framing, no
 * referrer. Without a build, `/` says how to make one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build:web` puts the workbench. */
export const WORKBENCH_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

// Mantine sets CSS variables in a style element and in style attributes, hence 'unsafe-inline' for
// styles only; the map draws with workers and images made from blobs.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secure(reply: FastifyReply): void {
  void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  void reply.header('referrer-policy', 'no-referrer');
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('x-frame-options', 'DENY');
}

/** Paths that belong to the API or the public tip page, never to the workbench. */
function belongsElsewhere(path: string): boolean {
  return path.startsWith('/api/') || path === '/api' || path.startsWith('/report');
}

export interface Workbench {
  /** Answers a GET the routes did not take with the workbench's page, when it is one of its paths. */
  page(request: FastifyRequest, reply: FastifyReply): boolean;
}

/** Serves the built workbench (or a page saying how to build it) from `dist`. */
export async function registerWorkbench(app: FastifyInstance, dist = WORKBENCH_DIST): Promise<Workbench> {
  const indexFile = `${dist}index.html`;
  const built = existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: dist,
      prefix: '/',
      index: false,
      wildcard: false,
      setHeaders: (response, path) => {
        response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
        response.setHeader('x-content-type-options', 'nosniff');
        response.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
        );
      },
    });
  }
  const html = built
    ? readFileSync(indexFile, 'utf8')
    : '<!doctype html><html lang="en"><meta charset="utf-8"><title>Weft</title>' +
      '<p>The workbench is not built. Run <code>npm run build:web</code> (npm start does it for you), ' +
      'then reload. The API is at <a href="/api/docs">/api/docs</a>.</p></html>';
  return {
    page(request, reply) {
      const path = request.url.split('?')[0] ?? '/';
      if ((request.method !== 'GET' && request.method !== 'HEAD') || belongsElsewhere(path)) return false;
      if (!(request.headers.accept ?? '').includes('text/html')) return false;
      secure(reply);
      void reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
      return true;
    },
  };
}
