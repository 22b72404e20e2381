/** What every part of one running instance needs to know about its own condition. */
export interface MaintenanceStatus {
  enabled: boolean;
  /** 'config' when MAINTENANCE_MODE forces it; 'database' when switched on with `winkel maintenance on`. */
  source: 'config' | 'database' | null;
  since: string | null;
  message: string | null;
}

export class ServerState {
  readonly startedAt = Date.now();
  shuttingDown = false;
  maintenance: MaintenanceStatus = { enabled: false, source: null, since: null, message: null };
}
