/** The security module's public surface: audit log, API keys, IP rules. Other modules import from here only. */
export { recordAudit, type AuditEntry, type AuditOrigin } from './audit.service.ts';
export { auditOrigin } from './audit-origin.ts';
export type { AuditChanges } from './audit-changes.ts';
export { createApiKeyVerifier } from './api-key.verifier.ts';
export { blockIp, type BlockIpInput, type IpRuleView } from './ip-rule.service.ts';
export { assertIpAllowed } from './ip-guard.ts';
export { registerSecurityModule } from './security.routes.ts';
export { IP_RULES_USAGE, parseIpRulesCommand, runIpRulesCommand } from './ip-rule.cli.ts';
export { ROLES, PERMISSIONS, ROLE_PERMISSIONS, permissionsOf, isRole, isPermission, type Role, type Permission } from './permissions.ts';
