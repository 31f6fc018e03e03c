import { z } from 'zod';
import type { CallPosition } from './flow.engine';
import type { Flow } from './flow.schema';

/** Short query names keep action URLs readable in Twilio's debugger. */
export function encodePosition(position: CallPosition): URLSearchParams {
  const query = new URLSearchParams({ s: position.state, l: position.language });
  if (position.silences) query.set('n', String(position.silences));
  if (position.misses) query.set('r', String(position.misses));
  if (position.category) query.set('c', position.category);
  if (position.attempt) query.set('a', String(position.attempt));
  if (position.missed) query.set('m', '1');
  if (position.place) {
    query.set('h', position.place.heard.slice(0, MAX_HEARD_LENGTH));
    if (position.place.confidence !== null) query.set('q', String(position.place.confidence));
    if (position.place.placeId) query.set('p', position.place.placeId);
  }
  return query;
}

/** What was heard rides in every later URL of the call: a place's name, not a speech. */
export const MAX_HEARD_LENGTH = 100;

const count = z.coerce.number().int().min(0).max(20).default(0);

const querySchema = z.object({
  s: z.string().regex(/^[a-z][a-z0-9_]*$/),
  l: z.enum(['zh-CN', 'en']),
  n: count,
  r: count,
  c: z
    .string()
    .regex(/^[a-z][a-z0-9_-]*$/)
    .optional(),
  a: count,
  m: z.literal('1').optional(),
  h: z.string().min(1).max(MAX_HEARD_LENGTH).optional(),
  q: z.coerce.number().min(0).max(1).optional().catch(undefined),
  p: z
    .string()
    .regex(/^[a-z][a-z0-9_-]*$/)
    .optional()
    .catch(undefined),
});

/**
 * Reads a position back from a signed action URL. A state the current flow no longer has (a
 * deploy mid-call) yields null, and the caller starts again at the flow's beginning.
 */
export function decodePosition(flow: Flow, query: unknown): CallPosition | null {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success || !flow.states[parsed.data.s]) return null;
  const { s, l, n, r, c, a, m, h, q, p } = parsed.data;
  return {
    state: s,
    language: l,
    silences: n,
    misses: r,
    category: c ?? null,
    attempt: a,
    missed: m === '1',
    place: h === undefined ? null : { heard: h, confidence: q ?? null, placeId: p ?? null },
  };
}
