import type { Call } from '../calls/calls.models';
import type { CallsRepository } from '../calls/calls.repository';
import type { Categories } from '../content/categories';
import type { Places } from '../content/places';
import type { DbOrTransaction } from '../shared/db';
import { VoiceResponse } from '../shared/twilio-parts';
import type { StaffRepository } from '../staff/staff.repository';
import { advance, type CallPosition, type CategoryKeys, isPassive, stateOf } from './flow.engine';
import type { Flow } from './flow.schema';
import { buildPlaceHints } from './speech-hints';
import { enterHunt } from './voice.hunt';
import { gathersInput, type RenderFacts, renderState, sayText } from './voice.twiml';
import { type CallUrls, createVoiceUrls } from './voice.urls';

export interface RenderContext {
  trx: DbOrTransaction;
  call: Call;
  now: string;
  facts: RenderFacts;
}

/** Passive states chain into one answer; a well-formed flow reaches an input or the end quickly. */
const MAX_CHAINED_STATES = 12;

export interface RenderFromDeps {
  staffRepository: StaffRepository;
  callsRepository: CallsRepository;
  flow: Flow;
  categories: Categories;
  /** Category id by menu key, and the names said in the category menu. */
  categoryKeys: CategoryKeys;
  /** The gazetteer, whose names are the place question's speech hints. */
  places: Places;
  publicBaseUrl: string;
  /** The BYOC trunk the hunt's staff legs go out over, if any. */
  byocTrunkSid: string | undefined;
}

/**
 * Renders the call from `position` on: each state is entered (the hunt picks who to ring), drawn,
 * and passive ones flow straight into the next, so Twilio gets one answer up to the next input.
 */
export async function renderFrom(
  {
    staffRepository,
    callsRepository,
    flow,
    categories,
    categoryKeys,
    places,
    publicBaseUrl,
    byocTrunkSid,
  }: RenderFromDeps,
  context: RenderContext,
  start: CallPosition,
): Promise<string> {
  const urls: CallUrls = createVoiceUrls(publicBaseUrl, context.call.callSid);
  const response = new VoiceResponse();
  let position = start;
  let lead: string[] = [];
  for (let chained = 0; chained < MAX_CHAINED_STATES; chained += 1) {
    const state = stateOf(flow, position);
    if (state.type === 'dial-hunt') {
      const entered = await enterHunt(
        { staffRepository, callsRepository, flow, categoryKeys },
        context,
        state,
        position,
        urls,
      );
      if (!entered.dial) {
        position = entered.position;
        continue;
      }
      // The hunt may have skipped someone who left since the call began: the dial is for its attempt.
      const dial = { ...entered.dial, byocTrunkSid };
      renderState(response, flow, entered.position, { ...context.facts, dial }, urls);
      break;
    }
    const menu =
      state.type === 'category-menu'
        ? categories.list.flatMap((c) => (c.key ? [{ key: c.key, name: c.name[position.language] }] : []))
        : undefined;
    if (state.type === 'say') {
      const next = advance(flow, position, { kind: 'event', name: 'next' }, categoryKeys);
      if (gathersInput(stateOf(flow, next))) {
        lead.push(sayText(state, position.language, context.facts));
        position = next;
        continue;
      }
    }
    const placeHints =
      state.type === 'place-question' ? buildPlaceHints(places.list, position.language) : undefined;
    renderState(response, flow, position, { ...context.facts, categories: menu, placeHints, lead }, urls);
    lead = [];
    if (!isPassive(state)) break;
    position = advance(flow, position, { kind: 'event', name: 'next' }, categoryKeys);
  }
  return response.toString();
}
