import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate --name <what>` writes the next SQL migration from the tables; review it before committing.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/platform/db/schema.ts',
  out: './migrations',
});
