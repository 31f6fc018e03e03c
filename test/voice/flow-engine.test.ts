import path from 'node:path';
import { decodePosition, encodePosition } from '../../src/voice/call-position';
import {
  advance,
  type CallPosition,
  type CategoryKeys,
  type FlowInput,
  isPassive,
  startPosition,
} from '../../src/voice/flow.engine';
import { loadFlow } from '../../src/voice/flow.load';

const flow = loadFlow(path.resolve(__dirname, '../../flows'));
const categoryKeys: CategoryKeys = new Map([
  ['1', 'noise'],
  ['2', 'sanitation'],
  ['3', 'roads'],
  ['4', 'water'],
  ['9', 'other'],
]);

const at = (state: string, extra: Partial<CallPosition> = {}): CallPosition => ({
  ...startPosition(flow, 'zh-CN'),
  state,
  ...extra,
});
const press = (digits: string): FlowInput => ({ kind: 'digits', digits });
const silence = press('');
const event = (name: Extract<FlowInput, { kind: 'event' }>['name']): FlowInput => ({ kind: 'event', name });
const step = (position: CallPosition, input: FlowInput) => advance(flow, position, input, categoryKeys);

describe('a call starts', () => {
  it('at the greeting, in the language it is given, with nothing counted yet', () => {
    expect(startPosition(flow, 'zh-CN')).toEqual({
      state: 'greeting',
      language: 'zh-CN',
      silences: 0,
      misses: 0,
      category: null,
      attempt: 0,
      missed: false,
      place: null,
    });
  });

  it('the greeting flows straight on to the menu', () => {
    expect(step(at('greeting'), event('next'))).toEqual(at('menu'));
    expect(isPassive(flow.states.greeting)).toBe(true);
    expect(isPassive(flow.states.menu)).toBe(false);
  });
});

describe('the main menu', () => {
  it.each([
    ['1', 'category'],
    ['2', 'status_reference'],
    ['0', 'duty_officer'],
    ['9', 'switch_language'],
  ])('key %s goes to %s', (key, target) => {
    expect(step(at('menu'), press(key))).toEqual(at(target));
  });

  it('a key with no meaning repeats the menu', () => {
    expect(step(at('menu'), press('5'))).toEqual(at('menu'));
    expect(step(at('menu'), press('*'))).toEqual(at('menu'));
  });

  it('only the first key counts', () => {
    expect(step(at('menu'), press('12'))).toEqual(at('category'));
  });

  it('silence repeats the menu twice, then the caller goes to leave a complaint', () => {
    const first = step(at('menu'), silence);
    expect(first).toEqual(at('menu', { silences: 1 }));
    const second = step(first, silence);
    expect(second).toEqual(at('menu', { silences: 2 }));
    expect(step(second, silence)).toEqual(at('category'));
  });

  it('a key after some silence starts the count again', () => {
    expect(step(at('menu', { silences: 2 }), press('7'))).toEqual(at('menu'));
  });

  it('9 switches Chinese to English and back, then plays the menu again', () => {
    const switching = step(at('menu'), press('9'));
    const english = step(switching, event('next'));
    expect(english).toEqual({ ...at('menu'), language: 'en' });

    const back = step(step(english, press('9')), event('next'));
    expect(back).toEqual({ ...at('menu'), language: 'zh-CN' });
    expect(isPassive(flow.states.switch_language)).toBe(true);
  });
});

describe('the category menu', () => {
  it.each([
    ['1', 'noise'],
    ['2', 'sanitation'],
    ['4', 'water'],
    ['9', 'other'],
  ])('key %s picks %s and goes to the street question', (key, category) => {
    expect(step(at('category'), press(key))).toEqual(at('street', { category }));
  });

  it('silence means "other"', () => {
    expect(step(at('category'), silence)).toEqual(at('street', { category: 'other' }));
  });

  it('a key no category has means "other"', () => {
    expect(step(at('category'), press('7'))).toEqual(at('street', { category: 'other' }));
    expect(step(at('category'), press('#'))).toEqual(at('street', { category: 'other' }));
  });
});

describe('the street question', () => {
  const heard = { heard: '大理路口', confidence: 0.87, placeId: 'dali-road' };

  it('what was said goes on to the recording with the category', () => {
    expect(step(at('street', { category: 'noise' }), { kind: 'speech', place: heard })).toEqual(
      at('record_complaint', { category: 'noise', place: heard }),
    );
  });

  it('silence, or a key, goes on to the recording with no place', () => {
    expect(step(at('street'), { kind: 'speech', place: null })).toEqual(at('record_complaint'));
    expect(step(at('street'), press('1'))).toEqual(at('record_complaint'));
  });

  it('the place stays with the call to the receipt', () => {
    expect(step(at('record_complaint', { place: heard }), event('recorded'))).toEqual(
      at('receipt', { place: heard }),
    );
  });
});

describe('the recording', () => {
  it('a recording, or none, both end at the receipt, keeping the category', () => {
    const recording = at('record_complaint', { category: 'noise' });
    expect(step(recording, event('recorded'))).toEqual(at('receipt', { category: 'noise' }));
    expect(step(recording, event('empty'))).toEqual(at('receipt', { category: 'noise' }));
  });

  it('the receipt ends the call: nothing moves it on', () => {
    expect(step(at('receipt'), event('next'))).toEqual(at('receipt'));
  });
});

describe('a status request', () => {
  it('a valid reference goes to the answer', () => {
    expect(step(at('status_reference'), event('valid'))).toEqual(at('status_answer'));
  });

  it('a wrong reference gets one retry, a second one goes back to the menu', () => {
    const retry = step(at('status_reference'), event('invalid'));
    expect(retry).toEqual(at('status_reference', { misses: 1 }));
    expect(step(retry, event('invalid'))).toEqual(at('menu'));
  });

  it('a valid reference on the retry still goes to the answer', () => {
    expect(step(at('status_reference', { misses: 1 }), event('valid'))).toEqual(at('status_answer'));
  });

  it('the answer is followed by goodbye', () => {
    expect(step(at('status_answer'), event('next'))).toEqual(at('goodbye'));
  });
});

describe('the duty-officer hunt', () => {
  it('each attempt nobody accepts rings the next person', () => {
    const second = step(at('duty_officer'), event('not_accepted'));
    expect(second).toEqual(at('duty_officer', { attempt: 1 }));
    expect(step(second, event('not_accepted'))).toEqual(at('duty_officer', { attempt: 2 }));
  });

  it('an accepted call ends with goodbye once it is over', () => {
    expect(step(at('duty_officer', { attempt: 1 }), event('connected'))).toEqual(
      at('goodbye', { attempt: 1 }),
    );
  });

  it('when nobody accepts, the caller is told so, leaves a message, and the call is flagged missed', () => {
    const unavailable = step(at('duty_officer', { attempt: 2 }), event('exhausted'));
    expect(unavailable).toEqual(at('officer_unavailable', { missed: true }));
    const recording = step(unavailable, event('next'));
    expect(recording).toEqual(at('record_complaint', { missed: true }));
    expect(step(recording, event('recorded'))).toEqual(at('receipt', { missed: true }));
  });
});

describe('the position in the action URLs', () => {
  it('a fresh position is just the state and the language', () => {
    expect(encodePosition(at('menu')).toString()).toBe('s=menu&l=zh-CN');
  });

  it('round-trips every field through the query string', () => {
    const position: CallPosition = {
      state: 'record_complaint',
      language: 'en',
      silences: 2,
      misses: 1,
      category: 'noise',
      attempt: 2,
      missed: true,
      place: null,
    };
    const query = encodePosition(position);

    expect(query.toString()).toBe('s=record_complaint&l=en&n=2&r=1&c=noise&a=2&m=1');
    expect(decodePosition(flow, Object.fromEntries(query))).toEqual(position);
  });

  it('carries what was heard at the street question, and the place it names', () => {
    const named = at('record_complaint', {
      place: { heard: '大理路口', confidence: 0.87, placeId: 'dali-road' },
    });
    const query = encodePosition(named);
    expect(Object.fromEntries(query)).toEqual({
      s: 'record_complaint',
      l: 'zh-CN',
      h: '大理路口',
      q: '0.87',
      p: 'dali-road',
    });
    expect(decodePosition(flow, Object.fromEntries(query))).toEqual(named);

    const unnamed = at('record_complaint', { place: { heard: '人民广场', confidence: null, placeId: null } });
    expect(decodePosition(flow, Object.fromEntries(encodePosition(unnamed)))).toEqual(unnamed);
  });

  it('keeps only the first 100 characters heard, and ignores a confidence out of range', () => {
    const long = 'x'.repeat(250);
    const query = encodePosition(at('receipt', { place: { heard: long, confidence: 0.5, placeId: null } }));
    expect(query.get('h')).toHaveLength(100);
    expect(decodePosition(flow, { s: 'receipt', l: 'en', h: '东关街', q: '7' })?.place).toEqual({
      heard: '东关街',
      confidence: null,
      placeId: null,
    });
  });

  it('ignores the other parameters Twilio and the URLs add', () => {
    expect(decodePosition(flow, { s: 'menu', l: 'en', e: 'empty', Digits: '1', CallSid: 'CA1' })).toEqual({
      ...at('menu'),
      language: 'en',
    });
  });

  it('a state the flow no longer has gives null, so the call starts again', () => {
    expect(decodePosition(flow, { s: 'old_menu', l: 'zh-CN' })).toBeNull();
  });

  it('a tampered or garbled position gives null', () => {
    expect(decodePosition(flow, { s: 'menu', l: 'fr' })).toBeNull();
    expect(decodePosition(flow, { s: 'menu' })).toBeNull();
    expect(decodePosition(flow, { s: 'menu', l: 'en', n: '-1' })).toBeNull();
    expect(decodePosition(flow, { s: 'menu', l: 'en', c: '../etc' })).toBeNull();
    expect(decodePosition(flow, null)).toBeNull();
  });
});
