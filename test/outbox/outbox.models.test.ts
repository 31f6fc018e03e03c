import {
  backoff,
  classifySendError,
  describeSendError,
  planStatusChange,
  rankTwilioStatus,
  toOutboxStatus,
} from '../../src/outbox/outbox.models';

const restError = (status: number, code?: number) =>
  Object.assign(new Error('twilio said no'), { status, code });

describe('SMS status ranking', () => {
  it('orders the statuses a message passes through', () => {
    const order = ['queued', 'sending', 'sent', 'undelivered', 'delivered', 'read'].map(rankTwilioStatus);
    expect(order).toEqual([...order].sort((a, b) => Number(a) - Number(b)));
    expect(new Set(order).size).toBe(order.length);
  });

  it('ranks accepted and scheduled with queued, and failed with undelivered', () => {
    expect(rankTwilioStatus('accepted')).toBe(rankTwilioStatus('queued'));
    expect(rankTwilioStatus('scheduled')).toBe(rankTwilioStatus('queued'));
    expect(rankTwilioStatus('failed')).toBe(rankTwilioStatus('undelivered'));
  });

  it('ranks a late sent below delivered, so it never overwrites it', () => {
    expect(Number(rankTwilioStatus('sent'))).toBeLessThan(Number(rankTwilioStatus('delivered')));
  });

  it('does not rank statuses the outbox does not track', () => {
    expect(rankTwilioStatus('received')).toBeUndefined();
    expect(rankTwilioStatus('bogus')).toBeUndefined();
  });

  it("stores Twilio's early statuses as submitted, never as the dispatcher's queued or sending", () => {
    expect(['queued', 'accepted', 'scheduled', 'sending'].map(toOutboxStatus)).toEqual([
      'submitted',
      'submitted',
      'submitted',
      'submitted',
    ]);
    expect(['sent', 'delivered', 'undelivered', 'failed', 'read'].map(toOutboxStatus)).toEqual([
      'sent',
      'delivered',
      'undelivered',
      'failed',
      'read',
    ]);
  });
});

describe('backoff', () => {
  it('starts at 5 s and doubles', () => {
    expect([1, 2, 3, 4].map(backoff)).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it('is capped at 15 minutes, however many attempts', () => {
    expect(backoff(9)).toBe(15 * 60_000);
    expect(backoff(10_000)).toBe(15 * 60_000);
  });

  it('is the same every time for the same attempt', () => {
    expect(backoff(3)).toBe(backoff(3));
  });
});

describe('classifySendError', () => {
  it('retries network errors and timeouts, which carry no HTTP status', () => {
    expect(classifySendError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      'retry',
    );
    expect(
      classifySendError(Object.assign(new Error('timeout of 10000ms exceeded'), { code: 'ECONNABORTED' })),
    ).toBe('retry');
    expect(classifySendError('something odd')).toBe('retry');
  });

  it('retries server errors', () => {
    expect(classifySendError(restError(500, 20500))).toBe('retry');
    expect(classifySendError(restError(503))).toBe('retry');
  });

  it('retries rate limiting', () => {
    expect(classifySendError(restError(429, 20429))).toBe('retry');
    expect(classifySendError(restError(400, 20429))).toBe('retry');
  });

  it('retries bad credentials, which an operator can fix without losing anything', () => {
    expect(classifySendError(restError(401, 20003))).toBe('retry');
    expect(classifySendError(restError(401))).toBe('retry');
  });

  it('recognises an opted-out recipient', () => {
    expect(classifySendError(restError(400, 21610))).toBe('opted_out');
  });

  it('recognises numbers that cannot receive SMS', () => {
    expect(classifySendError(restError(400, 21211))).toBe('undeliverable');
    expect(classifySendError(restError(400, 21614))).toBe('undeliverable');
    expect(classifySendError(restError(400, 30006))).toBe('undeliverable');
  });

  it('rejects other client errors for good', () => {
    expect(classifySendError(restError(400, 21608))).toBe('rejected');
    expect(classifySendError(restError(404, 20404))).toBe('rejected');
  });
});

describe('describeSendError', () => {
  it('keeps the status, the code as text, and the message', () => {
    expect(describeSendError(restError(400, 21614))).toEqual({
      status: 400,
      code: '21614',
      message: 'twilio said no',
    });
    expect(describeSendError(new Error('boom'))).toEqual({ status: undefined, code: null, message: 'boom' });
  });
});

describe('what a status does to a message', () => {
  const NOW = '2027-03-14T07:05:00.000Z';
  const submitted = { rank: rankTwilioStatus('queued')!, sentAt: null, deliveredAt: null, errorCode: null };

  it('a delivery reached first is also the moment the text left Twilio', () => {
    expect(planStatusChange(submitted, 'delivered', null, NOW)).toEqual({
      status: 'delivered',
      rank: rankTwilioStatus('delivered'),
      sentAt: NOW,
      deliveredAt: NOW,
      errorCode: null,
      outcomes: ['sent', 'delivered'],
    });
  });

  it('an undelivered text left Twilio; a failed one never did', () => {
    expect(planStatusChange(submitted, 'undelivered', '30006', NOW)).toMatchObject({
      sentAt: NOW,
      errorCode: '30006',
      outcomes: ['sent', 'undeliverable'],
    });
    expect(planStatusChange(submitted, 'failed', '30008', NOW)).toMatchObject({
      sentAt: null,
      errorCode: '30008',
      outcomes: ['undeliverable'],
    });
  });

  it('a delivery after a failure report keeps the failure code and reports only the delivery', () => {
    const failed = {
      rank: rankTwilioStatus('undelivered')!,
      sentAt: NOW,
      deliveredAt: null,
      errorCode: '30006',
    };
    expect(planStatusChange(failed, 'delivered', null, NOW)).toMatchObject({
      status: 'delivered',
      errorCode: '30006',
      outcomes: ['delivered'],
    });
  });

  it('a stale, repeated or untracked status changes nothing', () => {
    const delivered = {
      rank: rankTwilioStatus('delivered')!,
      sentAt: NOW,
      deliveredAt: NOW,
      errorCode: null,
    };
    expect(planStatusChange(delivered, 'sent', null, NOW)).toBeUndefined();
    expect(planStatusChange(delivered, 'delivered', null, NOW)).toBeUndefined();
    expect(planStatusChange(submitted, 'received', null, NOW)).toBeUndefined();
  });
});
