import {
  advancesStatus,
  citizenLegOf,
  isStale,
  startFailureOf,
} from '../../src/callbacks/calls/callback-calls.models';

const live = { status: 'ringing' as const, statusSequence: 1, endedAt: null };

describe('a masked call-back’s status', () => {
  it('moves on with a later SequenceNumber, and never back for a late one', () => {
    expect(advancesStatus(live, { status: 'in-progress', sequence: 2 })).toBe(true);
    expect(
      advancesStatus(
        { ...live, status: 'in-progress', statusSequence: 2 },
        { status: 'ringing', sequence: 1 },
      ),
    ).toBe(false);
  });

  it('without a SequenceNumber, moves only forward in a call’s life', () => {
    const unsequenced = { ...live, statusSequence: null };
    expect(advancesStatus(unsequenced, { status: 'in-progress', sequence: null })).toBe(true);
    expect(
      advancesStatus({ ...unsequenced, status: 'in-progress' }, { status: 'ringing', sequence: null }),
    ).toBe(false);
  });

  it('ends on the first terminal status, and an ended call never changes again', () => {
    expect(advancesStatus(live, { status: 'no-answer', sequence: null })).toBe(true);
    const ended = { status: 'completed' as const, statusSequence: 3, endedAt: '2027-03-01T02:05:00.000Z' };
    expect(advancesStatus(ended, { status: 'completed', sequence: 3 })).toBe(false);
    expect(advancesStatus(ended, { status: 'in-progress', sequence: 4 })).toBe(false);
  });

  it('names the citizen leg from whether it was dialed and how the Dial ended', () => {
    expect(citizenLegOf({ citizenDialed: false, citizenStatus: null })).toBe('not_dialed');
    expect(citizenLegOf({ citizenDialed: true, citizenStatus: null })).toBe('dialing');
    expect(citizenLegOf({ citizenDialed: true, citizenStatus: 'no-answer' })).toBe('no-answer');
  });

  it('lets a call Twilio never confirmed stop blocking the case after two minutes', () => {
    const createdAt = '2027-03-01T02:00:00.000Z';
    const unconfirmed = { callSid: null, createdAt, endedAt: null };
    expect(isStale(unconfirmed, new Date('2027-03-01T02:01:59Z'))).toBe(false);
    expect(isStale(unconfirmed, new Date('2027-03-01T02:02:01Z'))).toBe(true);
    expect(isStale({ ...unconfirmed, callSid: 'CA1' }, new Date('2027-03-01T02:30:00Z'))).toBe(false);
  });
});

describe('a refused start', () => {
  it('is a 503 the officer can retry when Twilio is down or busy, and a 502 when it refuses the call', () => {
    expect(startFailureOf({ status: 429, code: 20429 })).toEqual({
      status: 503,
      code: 'callback_call.twilio_rate_limited',
    });
    expect(startFailureOf({ status: 503 })).toEqual({
      status: 503,
      code: 'callback_call.twilio_unavailable',
    });
    expect(startFailureOf({})).toEqual({ status: 503, code: 'callback_call.twilio_unavailable' });
    expect(startFailureOf({ status: 400, code: 21211 })).toEqual({
      status: 502,
      code: 'callback_call.twilio_rejected',
    });
  });
});
