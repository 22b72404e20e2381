import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { sendProblem } from './problem.ts';

/**
 * Fastify answers 404 for a known path with the wrong method. We keep a
 * second router of every route's shape so we can tell the two apart and
 * answer 405 with an Allow header.
 */
export function registerNotFound(app: FastifyInstance): void {
  const shapes = FindMyWay({ ignoreTrailingSlash: false });
  const methods = new Set<string>();
  app.addHook('onRoute', (route) => {
    // The CORS preflight catch-all matches every path; it says nothing about what a path supports.
    if (route.url === '*' || route.url === '/*') return;
    const list = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of list) {
      methods.add(method);
      try {
        shapes.on(method.toUpperCase() as HTTPMethod, route.url, () => undefined);
      } catch {
        // The same shape registered twice (HEAD alongside GET): already known.
      }
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // The method itself is served at this shape (e.g. an empty wildcard such as GET /media/): plainly nothing here.
    if (methods.has(request.method) && shapes.find(request.method as HTTPMethod, path)) return sendProblem(request, reply, 404, 'NOT_FOUND', `Nothing at ${path}.`);
    const allowed = [...methods].filter((m) => m !== request.method && shapes.find(m as HTTPMethod, path));
    if (allowed.length > 0) {
      reply.header('allow', allowed.sort().join(', '));
      return sendProblem(request, reply, 405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed here; use ${allowed.join(' or ')}.`);
    }
    return sendProblem(request, reply, 404, 'NOT_FOUND', `Nothing at ${path}.`);
  });
}
