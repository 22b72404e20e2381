/** Every Drizzle table, for drizzle-kit and for the typed database handle. */
export * from './platform.tables.ts';
