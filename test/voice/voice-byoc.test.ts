import type { CallResult } from '../../src/simulator/index';
import { callHotline } from '../helpers/calls';
import { HOTLINE_NUMBER, type TestContext } from '../helpers/context';
import type { FakeTwilio } from '../helpers/fake-twilio';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { PHONES } from '../helpers/seed';

// SPEC §19: in mainland China the hotline's calls arrive over the bureau's carrier through a Twilio
// BYOC trunk, which names the parties with SIP URIs, and every leg the hotline dials goes back out
// over that trunk.

const TRUNK = `BY${'0123456789abcdef'.repeat(2)}`;
/** How the trunk names the hotline number the citizen dialled. */
const HOTLINE_OVER_TRUNK = `sip:${HOTLINE_NUMBER}@dutyline.pstn.twilio.com`;
const WHISPER_URL = String.raw`https://hotline\.example\.org/twilio/voice/whisper\?call=CA[0-9a-f]{32}&amp;s=duty_officer&amp;a=\d`;

/** Every <Number> the hotline's TwiML asked Twilio to dial during the call, as written. */
function numbersDialled(call: CallResult): string[] {
  return call.requests.flatMap((request) => request.body.match(/<Number[^>]*>[^<]*<\/Number>/g) ?? []);
}

const heard = (call: CallResult) => call.transcript.map((line) => line.say).join(' | ');

describe('voice over a BYOC trunk in mainland China (HOTLINE_REGION=cn, TWILIO_BYOC_TRUNK_SID set)', () => {
  const hotline = useHotline({ env: { HOTLINE_REGION: 'cn', TWILIO_BYOC_TRUNK_SID: TRUNK } });
  let fake: FakeTwilio;
  let ctx: TestContext;
  let team: DutyTeam;

  beforeEach(() => {
    ({ fake, ctx, team } = hotline);
  });

  const db = () => ctx.container.db;
  const cases = () => db().selectFrom('cases').selectAll().orderBy('id').execute();
  const callRow = (callSid: string) =>
    db().selectFrom('calls').selectAll().where('call_sid', '=', callSid).executeTakeFirstOrThrow();

  it("a caller over the trunk who asks for the duty officer: each staff leg goes out over the trunk, the whisper still screens, and the call and case carry the caller's number", async () => {
    const call = await callHotline(
      ctx,
      `sip:${PHONES.citizen}@dutyline.pstn.twilio.com`,
      { actions: [{ press: '0' }], dial: { [PHONES.primary]: 'voicemail', [PHONES.backup]: 'accept' } },
      { fake, to: HOTLINE_OVER_TRUNK },
    );

    expect(numbersDialled(call)).toEqual([
      expect.stringMatching(
        new RegExp(`^<Number url="${WHISPER_URL}" byoc="${TRUNK}">\\${PHONES.primary}</Number>$`),
      ),
      expect.stringMatching(
        new RegExp(`^<Number url="${WHISPER_URL}" byoc="${TRUNK}">\\${PHONES.backup}</Number>$`),
      ),
    ]);
    // The primary's voicemail heard the whisper (staff are English-speaking) and could not take the call;
    // the backup pressed 1.
    expect(call.dialed.map((dialed) => [dialed.phone, dialed.bridged])).toEqual([
      [PHONES.primary, false],
      [PHONES.backup, true],
    ]);
    expect(call.dialed[0].heard.map((line) => line.say)).toEqual([
      'Dutyline hotline call, press 1 to accept.',
    ]);

    const [created] = await cases();
    expect(await cases()).toHaveLength(1);
    expect(created).toMatchObject({ channel: 'voice', phone: PHONES.citizen, assignee_id: team.backup.id });
    expect(await callRow(call.callSid)).toMatchObject({
      from_phone: PHONES.citizen,
      to_phone: HOTLINE_NUMBER,
      outcome: 'connected',
      accepted_by: team.backup.id,
      case_id: created.id,
    });
  });

  it('a citizen whose carrier sends the national form (0…) is told of their case in progress, found by their number', async () => {
    const reported = await ctx.api('post', '/api/cases').send({
      phone: PHONES.citizen,
      description: 'A broken street light',
      category: 'roads',
      channel: 'letter',
    });
    expect(reported.status).toBe(201);

    const call = await callHotline(
      ctx,
      `sip:0${PHONES.citizen.slice(3)}@203.0.113.5:5060;user=phone`,
      { actions: [{ hangup: true }] },
      { fake, to: `sip:${HOTLINE_NUMBER.slice(1)}@203.0.113.5:5060;user=phone` },
    );

    expect(heard(call)).toContain('您有一件正在办理的案件，查询进度请按2。');
    expect(await callRow(call.callSid)).toMatchObject({
      from_phone: PHONES.citizen,
      to_phone: HOTLINE_NUMBER,
    });
  });

  it('an anonymous SIP caller is answered and handled as an unknown caller, never refused', async () => {
    const call = await callHotline(
      ctx,
      'sip:anonymous@anonymous.invalid',
      { actions: [{ press: '9' }, { press: '2' }, { hangup: true }] },
      { fake, to: HOTLINE_OVER_TRUNK },
    );
    expect(call.requests.every((request) => request.status < 300)).toBe(true);
    expect(heard(call)).toContain('Please enter your 8-digit reference number');
    expect(await callRow(call.callSid)).toMatchObject({ from_phone: 'sip:anonymous@anonymous.invalid' });
  });

  it('a long SIP address (display name, parameters) is still read, not refused as too long', async () => {
    const from = `"Citizen" <sip:${PHONES.citizen}@sbc-01.carrier.bureau.example.cn:5060;user=phone;transport=udp>`;
    expect(from.length).toBeGreaterThan(64);
    const call = await callHotline(
      ctx,
      from,
      { actions: [{ hangup: true }] },
      { fake, to: HOTLINE_OVER_TRUNK },
    );
    expect(call.requests[0].status).toBe(200);
    expect(await callRow(call.callSid)).toMatchObject({ from_phone: PHONES.citizen });
  });
});

describe('voice without a trunk (the default region)', () => {
  const hotline = useHotline();

  it('dials staff with plain <Number>s, no byoc attribute', async () => {
    const { ctx, fake } = hotline;
    const call = await callHotline(
      ctx,
      PHONES.citizen,
      { actions: [{ press: '0' }], dial: { [PHONES.primary]: 'accept' } },
      { fake },
    );
    expect(numbersDialled(call)).toEqual([
      expect.stringMatching(new RegExp(`^<Number url="${WHISPER_URL}">\\${PHONES.primary}</Number>$`)),
    ]);
  });
});
