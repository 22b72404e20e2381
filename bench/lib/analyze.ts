import pg from 'pg';

/**
 * ANALYZE on the whole database at `databaseUrl` (the bench's own embedded PostgreSQL).
 *
 * A bench database is minutes old: the carts, orders and stock a flow prepares are thousands of
 * rows the planner has no statistics for yet, and the server's prepared statements keep plans made
 * while those tables were empty (a cart looked up through an index on its store alone, reading
 * every cart of the store). A live shop has statistics: autovacuum analyzes a table within about a
 * minute of that many new rows, and the server's cached plans are made again after it. Measuring
 * before that would measure the first minute of a new shop, not the shop.
 */
export async function analyzeDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}
