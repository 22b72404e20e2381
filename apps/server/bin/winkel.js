#!/usr/bin/env node
// `winkel` on the PATH (npm link, or npx winkel inside the repo): runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
