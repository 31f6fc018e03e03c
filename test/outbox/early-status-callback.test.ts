import type { TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';

// Twilio may post a message's status callback before the REST answer that gave the dispatcher its
// Sid. The hotline keeps such callbacks and applies them once the send is recorded.

describe('a status callback that arrives before the send is recorded', () => {
  const hotline = useHotline();
  let fake: FakeTwilio;
  let ctx: TestContext;

  beforeEach(() => {
    ({ fake, ctx } = hotline);
  });

  const getCase = async (ref: string) => (await ctx.api('get', `/api/cases/${ref}`)).body;
  const status = (MessageSid: string, MessageStatus: string, ErrorCode?: string) =>
    ctx.signedPost('/twilio/sms/status', { MessageSid, MessageStatus, ...(ErrorCode ? { ErrorCode } : {}) });

  async function resolvedLetter(): Promise<string> {
    const created = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A letter about the broken street light',
      category: 'roads',
      channel: 'letter',
    });
    expect(created.status).toBe(201);
    await ctx.flushOutbox();
    const { ref } = created.body;
    expect((await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'Replaced' })).status).toBe(200);
    return ref;
  }

  it('a result delivered before Twilio answered the send still shows as feedback delivered', async () => {
    const ref = await resolvedLetter();
    fake.beforeAnswer(async (message) => {
      if (!message.body.includes('Replaced')) return;
      // Twilio's callbacks beat its REST answer, even repeated and out of order.
      expect((await status(message.sid, 'delivered')).status).toBe(204);
      expect((await status(message.sid, 'sent')).status).toBe(204);
      expect((await status(message.sid, 'delivered')).status).toBe(204);
    });

    await ctx.flushOutbox();

    const found = await getCase(ref);
    expect(found.feedback).toEqual({
      sentAt: '2027-03-01T10:00:00.000+08:00',
      deliveredAt: '2027-03-01T10:00:00.000+08:00',
      via: 'sms',
    });
    expect(found.messages).toEqual(
      expect.arrayContaining([expect.objectContaining({ purpose: 'result', status: 'delivered' })]),
    );
    const feedbackEvents = found.events.filter((event: { type: string }) =>
      event.type.startsWith('feedback_'),
    );
    expect(feedbackEvents.map((event: { type: string }) => event.type)).toEqual([
      'feedback_sent',
      'feedback_delivered',
    ]);
  });

  it('an early undelivered report raises the call-back task once the send is recorded', async () => {
    const ref = await resolvedLetter();
    fake.beforeAnswer(async (message) => {
      if (message.body.includes('Replaced')) await status(message.sid, 'undelivered', '30006');
    });

    await ctx.flushOutbox();

    const found = await getCase(ref);
    expect(found.feedback.deliveredAt).toBeNull();
    expect(found.callbacks).toEqual([
      expect.objectContaining({ reason: 'feedback_undeliverable', errorCode: '30006', doneAt: null }),
    ]);
  });
});
