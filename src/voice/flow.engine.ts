import type { Language } from '../staff/staff.models';
import type { Flow, FlowState } from './flow.schema';

/** What the caller said at the place question: the words, how sure the recogniser was, the place they name. */
export interface HeardPlace {
  heard: string;
  confidence: number | null;
  /** The gazetteer place the words name; null when they name none. */
  placeId: string | null;
}

/** Where a call is in the flow. It travels in the (signed) action URLs between Twilio's requests. */
export interface CallPosition {
  state: string;
  language: Language;
  /** Silences in a row at the current menu. */
  silences: number;
  /** Wrong references entered so far. */
  misses: number;
  /** The category picked in the category menu. */
  category: string | null;
  /** Which attempt of the duty-officer hunt is ringing (0-based). */
  attempt: number;
  /** Nobody accepted the call: the message that follows flags its case `missed`. */
  missed: boolean;
  /** Said at the place question; null when nothing was said (or there was no question). */
  place: HeardPlace | null;
}

/**
 * What happened at the current state: keys pressed (`''` for silence), or an outcome the hotline
 * judged from its facts (a recording arrived, a reference was valid, a hunt attempt was accepted).
 */
export type FlowInput =
  | { kind: 'digits'; digits: string }
  | { kind: 'speech'; place: HeardPlace | null }
  | {
      kind: 'event';
      name: 'next' | 'recorded' | 'empty' | 'valid' | 'invalid' | 'connected' | 'not_accepted' | 'exhausted';
    };

export function startPosition(flow: Flow, language: Language): CallPosition {
  return {
    state: flow.initial,
    language,
    silences: 0,
    misses: 0,
    category: null,
    attempt: 0,
    missed: false,
    place: null,
  };
}

export function stateOf(flow: Flow, position: CallPosition): FlowState {
  const state = flow.states[position.state];
  if (!state) throw new Error(`unknown state ${position.state}`);
  return state;
}

/** Categories a caller can pick by key, for the category menu. */
export type CategoryKeys = ReadonlyMap<string, string>;

const goTo = (position: CallPosition, state: string): CallPosition => ({
  ...position,
  state,
  silences: 0,
  misses: 0,
});

/**
 * The whole IVR logic, pure: the state a call moves to on an input. Side effects (cases, calls,
 * messages) and TwiML belong to the voice use cases and the render module.
 */
export function advance(
  flow: Flow,
  position: CallPosition,
  input: FlowInput,
  categoryKeys: CategoryKeys,
): CallPosition {
  const state = stateOf(flow, position);
  const digits = input.kind === 'digits' ? input.digits : null;
  const event = input.kind === 'event' ? input.name : null;

  switch (state.type) {
    case 'say':
      return goTo(position, state.transitions.next);
    case 'switch-language':
      return {
        ...goTo(position, state.transitions.next),
        language: position.language === 'zh-CN' ? 'en' : 'zh-CN',
      };
    case 'menu': {
      if (!digits) {
        const silences = position.silences + 1;
        if (silences <= state.properties.noInputRepeats) return { ...position, silences };
        return goTo(position, state.transitions.noInput);
      }
      const target = state.transitions[digits[0]] ?? state.transitions.invalid ?? position.state;
      return goTo(position, target);
    }
    case 'category-menu':
      // Silence or an unknown key still records the complaint, as "other".
      return {
        ...goTo(position, state.transitions.next),
        category: (digits && categoryKeys.get(digits[0])) || 'other',
      };
    case 'place-question':
      // Whatever was (or was not) said, the call goes on: an unknown place is triage's to set.
      return {
        ...goTo(position, state.transitions.next),
        place: input.kind === 'speech' ? input.place : null,
      };
    case 'record':
      return goTo(position, event === 'recorded' ? state.transitions.recorded : state.transitions.empty);
    case 'reference-entry': {
      if (event === 'valid') return goTo(position, state.transitions.valid);
      const misses = position.misses + 1;
      if (misses <= state.properties.retries) return { ...position, misses };
      return goTo(position, state.transitions.exhausted);
    }
    case 'case-status':
      return goTo(position, state.transitions.next);
    case 'dial-hunt':
      if (event === 'connected') return goTo(position, state.transitions.connected);
      if (event === 'not_accepted') return { ...position, attempt: position.attempt + 1 };
      return { ...goTo(position, state.transitions.exhausted), attempt: 0, missed: true };
    case 'case-receipt':
    case 'hangup':
      return position;
  }
}

/** States that take no input: the render chains straight on to the next one in the same answer. */
export function isPassive(state: FlowState): boolean {
  return state.type === 'say' || state.type === 'switch-language' || state.type === 'case-status';
}
