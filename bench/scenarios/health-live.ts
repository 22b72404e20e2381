import type { Scenario } from './scenario.ts';

export const healthLive: Scenario = {
  name: 'health-live',
  description: 'GET /health/live: routing, hooks, security headers and serialisation; no database',
  method: 'GET',
  path: '/health/live',
};
