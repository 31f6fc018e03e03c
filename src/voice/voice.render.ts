import twilio from 'twilio';
import type { Call } from '../calls/calls.models';
import type { DbOrTransaction } from '../shared/db';
import { advance, type CallPosition, isPassive, stateOf } from './flow.engine';
import type { VoiceDeps } from './voice.deps';
import { enterHunt } from './voice.hunt';
import { gathersInput, type RenderFacts, renderState, sayText } from './voice.twiml';
import { type CallUrls, createVoiceUrls } from './voice.urls';

export interface RenderContext {
  deps: VoiceDeps;
  trx: DbOrTransaction;
  call: Call;
  now: string;
  facts: RenderFacts;
}

/** Passive states chain into one answer; a well-formed flow reaches an input or the end quickly. */
const MAX_CHAINED_STATES = 12;

/**
 * Renders the call from `position` on: each state is entered (the hunt picks who to ring), drawn,
 * and passive ones flow straight into the next, so Twilio gets one answer up to the next input.
 */
export async function renderFrom(context: RenderContext, start: CallPosition): Promise<string> {
  const { deps } = context;
  const urls: CallUrls = createVoiceUrls(deps.publicBaseUrl, context.call.callSid);
  const response = new twilio.twiml.VoiceResponse();
  let position = start;
  let lead: string[] = [];
  for (let chained = 0; chained < MAX_CHAINED_STATES; chained += 1) {
    const state = stateOf(deps.flow, position);
    if (state.type === 'dial-hunt') {
      const entered = await enterHunt(context, state, position, urls);
      if (!entered.dial) {
        position = entered.position;
        continue;
      }
      // The hunt may have skipped someone who left since the call began: the dial is for its attempt.
      renderState(response, deps.flow, entered.position, { ...context.facts, dial: entered.dial }, urls);
      break;
    }
    const categories =
      state.type === 'category-menu'
        ? deps.categories.list.flatMap((c) =>
            c.key ? [{ key: c.key, name: c.name[position.language] }] : [],
          )
        : undefined;
    if (state.type === 'say') {
      const next = advance(deps.flow, position, { kind: 'event', name: 'next' }, deps.categoryKeys);
      if (gathersInput(stateOf(deps.flow, next))) {
        lead.push(sayText(state, position.language, context.facts));
        position = next;
        continue;
      }
    }
    renderState(response, deps.flow, position, { ...context.facts, categories, lead }, urls);
    lead = [];
    if (!isPassive(state)) break;
    position = advance(deps.flow, position, { kind: 'event', name: 'next' }, deps.categoryKeys);
  }
  return response.toString();
}
