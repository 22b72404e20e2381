import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// DESIGN.md §2: another module is reached only through its index.ts. Table definitions are the
// exception (foreign keys and joins name another module's tables), and they do not count as a
// dependency between modules: they are the schema, not behaviour.
const modulesDir = dirname(fileURLToPath(import.meta.url));

type Edge = { from: string; to: string; file: string; target: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function crossModuleImports(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(modulesDir)) {
    const from = relative(modulesDir, file).split(sep)[0]!;
    for (const match of readFileSync(file, 'utf8').matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(?\s*'([^']+)'/g)) {
      const specifier = match[1] ?? match[2]!;
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      const path = relative(modulesDir, target);
      if (path.startsWith('..')) continue;
      const to = path.split(sep)[0]!;
      if (to !== from) edges.push({ from, to, file: relative(modulesDir, file), target: path });
    }
  }
  return edges;
}

/** A cycle in the graph as the list of modules along it (first = last), or null. */
function cycleIn(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

const isTables = (target: string) => target.endsWith('.tables.ts');

describe('module boundaries', () => {
  const edges = crossModuleImports();

  it('finds the imports it checks', () => {
    expect(edges.some((e) => e.from === 'payments' && e.to === 'orders')).toBe(true);
  });

  it('reaches another module only through its index.ts or its table definitions', () => {
    const strays = edges.filter((e) => !isTables(e.target) && !e.target.endsWith(`${sep}index.ts`)).map((e) => `${e.file} → ${e.target}`);
    expect(strays).toEqual([]);
  });

  it('has no cycle between modules', () => {
    const graph = new Map<string, Set<string>>();
    for (const edge of edges.filter((e) => !isTables(e.target))) {
      graph.set(edge.from, (graph.get(edge.from) ?? new Set()).add(edge.to));
    }
    expect(cycleIn(graph)).toBeNull();
  });

  it('names the modules of a cycle', () => {
    const graph = new Map([
      ['orders', new Set(['pricing', 'payments'])],
      ['payments', new Set(['orders'])],
      ['pricing', new Set<string>()],
    ]);
    expect(cycleIn(graph)).toEqual(['orders', 'payments', 'orders']);
    expect(cycleIn(new Map([['orders', new Set(['pricing'])]]))).toBeNull();
  });
});
