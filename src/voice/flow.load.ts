import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ContentError } from '../content/content.errors';
import {
  type Flow,
  type FlowState,
  flowSchema,
  STATE_NAME,
  STATE_NAME_RULE,
  STATE_TYPES,
  type StateType,
  stateSchemas,
} from './flow.schema';

export const FLOW_FILE = 'voice-flow.json';

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

function parseState(file: string, name: string, raw: unknown): FlowState {
  const type = (raw as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !STATE_TYPES.includes(type as StateType)) {
    throw new ContentError(
      `${file}: state "${name}": unknown type ${JSON.stringify(type)} (known: ${STATE_TYPES.join(', ')})`,
    );
  }
  const parsed = stateSchemas[type as StateType].safeParse(raw);
  if (!parsed.success) throw new ContentError(`${file}: state "${name}": ${describeIssue(parsed.error)}`);
  return parsed.data as FlowState;
}

/**
 * Validates a flow and says precisely what is wrong: the file, the state, and the problem (an
 * unknown type, a prompt missing a language, a transition to a state that does not exist).
 */
export function parseFlow(raw: unknown, file: string): Flow {
  const outline = z.object({ states: z.record(z.string(), z.unknown()) }).safeParse(raw);
  if (!outline.success) throw new ContentError(`${file}: ${describeIssue(outline.error)}`);
  const states: Record<string, FlowState> = {};
  for (const [name, state] of Object.entries(outline.data.states)) {
    // Zod reports a bad record key only as "Invalid key in record".
    if (!STATE_NAME.test(name)) throw new ContentError(`${file}: state "${name}": ${STATE_NAME_RULE}`);
    states[name] = parseState(file, name, state);
  }

  const parsed = flowSchema.safeParse({ ...(raw as object), states });
  if (!parsed.success) throw new ContentError(`${file}: ${describeIssue(parsed.error)}`);
  const flow = parsed.data;

  if (!flow.states[flow.initial])
    throw new ContentError(`${file}: initial state "${flow.initial}" does not exist`);
  for (const [name, state] of Object.entries(flow.states)) {
    for (const [event, target] of Object.entries(state.transitions as Record<string, string>)) {
      if (!flow.states[target]) {
        throw new ContentError(
          `${file}: state "${name}": transition "${event}" goes to "${target}", which does not exist`,
        );
      }
    }
  }
  return flow;
}

export function loadFlow(flowsDir: string): Flow {
  const file = path.join(flowsDir, FLOW_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError(`${file}: ${(error as Error).message}`);
  }
  return parseFlow(raw, file);
}
