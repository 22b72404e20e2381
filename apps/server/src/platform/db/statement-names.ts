import { createHash } from 'node:crypto';

/** Statement names by text. The shapes are few (one per combination of filters in use); the cap only guards memory. */
const names = new Map<string, string>();
const MAX_NAMES = 2_000;

/** A name for a prepared statement, derived from its text: the same text always gets the same name. */
export function statementNameOf(text: string): string {
  let name = names.get(text);
  if (name) return name;
  name = `s_${createHash('sha1').update(text).digest('base64url').slice(0, 27)}`;
  if (names.size >= MAX_NAMES) names.clear();
  names.set(text, name);
  return name;
}
