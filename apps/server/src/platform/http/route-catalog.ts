import type { FastifyInstance, FastifySchema } from 'fastify';

export interface RouteSummary {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  hidden: boolean;
  /** The permission the route declares (config.permission), if any. */
  permission: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app, for checks such as "every route declares its schema". */
    routeCatalog: RouteSummary[];
  }
}

export function registerRouteCatalog(app: FastifyInstance): void {
  const routes: RouteSummary[] = [];
  app.decorate('routeCatalog', routes);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      const schema = route.schema as (FastifySchema & { hide?: boolean }) | undefined;
      routes.push({ method, url: route.url, schema, hidden: schema?.hide === true, permission: route.config?.permission });
    }
  });
}
