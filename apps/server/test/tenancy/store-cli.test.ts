import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('winkel store create', () => {
  it('creates a store and prints its id, publishable key and the owner’s one-time link', async () => {
    const res = await runCli(['store', 'create', '--name', 'Bakery Bart', '--handle', 'bakery-bart', '--owner-email', 'bart@bakery.test', '--timezone', 'Europe/Brussels'], { DATABASE_URL: db.url, PUBLIC_URL: 'https://shop.example.com' });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/store id\s+[0-9a-f-]{36}/);
    expect(res.stdout).toMatch(/publishable key\s+pk_[\w-]+/);
    expect(res.stdout).toMatch(/https:\/\/shop\.example\.com\/admin\/set-password#token=[\w-]{43}/);
  });

  it('refuses a taken handle (exit 1, one line) and missing flags (exit 2)', async () => {
    const again = await runCli(['store', 'create', '--name', 'Other', '--handle', 'bakery-bart', '--owner-email', 'x@y.test'], { DATABASE_URL: db.url });
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^winkel: TENANCY_HANDLE_TAKEN/);
    const missing = await runCli(['store', 'create', '--name', 'Other'], { DATABASE_URL: db.url });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs --name, --handle and --owner-email/);
  });
});
