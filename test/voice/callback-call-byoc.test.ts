import { createTwilioCallPlacer } from '../../src/callbacks/calls/call-placer';
import { createTwilioClient } from '../../src/outbox/twilio-client';
import { answerOutboundCall } from '../helpers/calls';
import { HOTLINE_NUMBER, type TestContext } from '../helpers/context';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { issueToken, PHONES } from '../helpers/seed';

// A masked call-back (SPEC §18) with a BYOC trunk: both legs go out over the bureau's carrier.

const TRUNK = `BY${'fedcba9876543210'.repeat(2)}`;

async function startCallBack(ctx: TestContext, team: DutyTeam) {
  const letter = await ctx.api('post', '/api/cases').send({
    phone: PHONES.citizen,
    description: 'A broken street light',
    category: 'roads',
    channel: 'letter',
  });
  expect(letter.status).toBe(201);
  const token = await issueToken(ctx, team.primary.id);
  const started = await ctx.api('post', `/api/cases/${letter.body.ref}/calls`, token);
  expect(started.status).toBe(202);
}

describe('a masked call-back over a BYOC trunk', () => {
  const hotline = useHotline({ env: { TWILIO_BYOC_TRUNK_SID: TRUNK } });
  let fake: FakeTwilio;
  let ctx: TestContext;

  beforeEach(() => {
    ({ fake, ctx } = hotline);
  });

  it("rings the officer over the trunk, and pressing 1 dials the citizen over the trunk under the hotline's number", async () => {
    await startCallBack(ctx, hotline.team);
    const [call] = fake.calls;
    expect(call).toMatchObject({ to: PHONES.primary, from: HOTLINE_NUMBER, byoc: TRUNK });

    const played = await answerOutboundCall(ctx, fake, call, {
      actions: [{ press: '1' }],
      dial: { [PHONES.citizen]: 'accept' },
    });
    const bridge = played.requests.find((request) => request.body.includes('<Dial'))!.body;
    expect(bridge).toContain(`callerId="${HOTLINE_NUMBER}"`);
    expect(bridge).toContain(`<Number byoc="${TRUNK}">${PHONES.citizen}</Number>`);
    expect(played.dialed).toEqual([expect.objectContaining({ phone: PHONES.citizen, bridged: true })]);
  });
});

describe('a masked call-back without a trunk', () => {
  const hotline = useHotline();

  it('asks Twilio for the call with no byoc, and dials the citizen with a plain <Number>', async () => {
    const { ctx, fake } = hotline;
    await startCallBack(ctx, hotline.team);
    const [call] = fake.calls;
    expect(call.byoc).toBeNull();
    expect(Object.keys(call.params)).not.toContain('Byoc');

    const played = await answerOutboundCall(ctx, fake, call, {
      actions: [{ press: '1' }],
      dial: { [PHONES.citizen]: 'accept' },
    });
    const bridge = played.requests.find((request) => request.body.includes('<Dial'))!.body;
    expect(bridge).toContain(`<Number>${PHONES.citizen}</Number>`);
  });
});

describe('the call placer with a trunk', () => {
  it("passes Twilio's byoc on every call, and a trunk Twilio does not know is refused with its code", async () => {
    const fake = await startFakeTwilio();
    try {
      const client = createTwilioClient({
        accountSid: fake.accountSid,
        authToken: fake.authToken,
        apiBaseUrl: fake.baseUrl,
      });
      const call = {
        to: PHONES.primary,
        from: HOTLINE_NUMBER,
        url: 'https://hotline.example.org/twiml',
        statusCallback: 'https://hotline.example.org/status',
      };
      await createTwilioCallPlacer(client, { byocTrunkSid: TRUNK }).place(call);
      expect(fake.calls.map((placed) => placed.params.Byoc)).toEqual([TRUNK]);

      await expect(
        createTwilioCallPlacer(client, { byocTrunkSid: 'BY-not-a-trunk' }).place(call),
      ).rejects.toMatchObject({
        status: 400,
        code: 21300,
      });
    } finally {
      await fake.close();
    }
  });
});
