/** The platform operator's API (stores across the deployment), behind PLATFORM_ADMIN_TOKEN. Other modules import from here only. */
export { platformAdminRoutes, type PlatformAdminDeps } from './platform-admin.routes.ts';
export { PLATFORM_SCHEME, platformTokenMatches } from './platform-token.ts';
