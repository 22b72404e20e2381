import { createRequire } from 'node:module';

/**
 * A package loaded on first use rather than when the server starts, for packages that cost
 * megabytes of memory but serve rare paths. It is read synchronously from the package's CommonJS
 * entry, so the functions that use it stay synchronous. `fromUrl` is the caller's
 * `import.meta.url`: the package is resolved from there, as an import would be.
 */
export function lazyModule<T>(fromUrl: string, specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(fromUrl)(specifier) as T);
}
