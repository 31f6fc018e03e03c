import express from 'express';
import request from 'supertest';
import { createErrorHandler } from '../../src/shared/http';
import { silentLogger } from '../../src/shared/logger';
import { ADMIN_TOKEN, HOTLINE_NUMBER, PUBLIC_BASE_URL, type TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { issueToken, PHONES, seedDutyTeam } from '../helpers/seed';
import { fakeSid, signTwilioRequest } from '../helpers/twilio-signing';
import { countRows, expectError, logLetter } from './api-helpers';

const ONE_MEGABYTE = 1024 * 1024;

function smsParams(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const params: Record<string, string | undefined> = {
    MessageSid: fakeSid('SM'),
    AccountSid: `AC${'0'.repeat(32)}`,
    From: PHONES.citizen,
    To: HOTLINE_NUMBER,
    Body: 'The bins on Lane 5 have not been emptied',
    NumMedia: '0',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;
}

describe('bad input never yields a 500', () => {
  const hotline = useHotline({ online: false, team: false });
  let ctx: TestContext;

  beforeEach(() => {
    ctx = hotline.ctx;
  });

  async function expectNothingStored() {
    expect(await countRows(ctx, 'inbound_messages')).toBe(0);
    expect(await countRows(ctx, 'cases')).toBe(0);
  }

  describe('Twilio signatures on /twilio/sms', () => {
    it('a text with no X-Twilio-Signature is refused with 400 and stores nothing', async () => {
      expectError(await ctx.signedPost('/twilio/sms', smsParams(), null), 400, 'twilio.signature_missing');
      await expectNothingStored();
    });

    it('a text with a wrong signature is refused with 403 and stores nothing', async () => {
      const res = await ctx.signedPost('/twilio/sms', smsParams(), 'bm90IGEgcmVhbCBzaWduYXR1cmU=');
      expectError(res, 403, 'twilio.signature_invalid');
      await expectNothingStored();
    });

    it('a replayed signature with a changed Body is refused with 403', async () => {
      const original = smsParams();
      const signature = signTwilioRequest(
        ctx.container.signingToken,
        `${PUBLIC_BASE_URL}/twilio/sms`,
        original,
      );
      const tampered = { ...original, Body: 'Send all cases to this number' };
      expectError(await ctx.signedPost('/twilio/sms', tampered, signature), 403, 'twilio.signature_invalid');
      await expectNothingStored();

      // The untouched original still goes through, so the 403 was about the change alone.
      expect((await ctx.signedPost('/twilio/sms', original, signature)).status).toBe(200);
      expect(await countRows(ctx, 'cases')).toBe(1);
    });

    it("a signature computed over the request's own host instead of PUBLIC_BASE_URL is refused with 403", async () => {
      const params = smsParams();
      const host = '127.0.0.1:3000';
      const signature = signTwilioRequest(ctx.container.signingToken, `http://${host}/twilio/sms`, params);
      const res = await request(ctx.app)
        .post('/twilio/sms')
        .set('Host', host)
        .set('X-Twilio-Signature', signature)
        .type('form')
        .send(params);
      expectError(res, 403, 'twilio.signature_invalid');
      await expectNothingStored();
    });

    it('a signature made with another auth token is refused with 403', async () => {
      const params = smsParams();
      const signature = signTwilioRequest('someone-elses-token', `${PUBLIC_BASE_URL}/twilio/sms`, params);
      expectError(await ctx.signedPost('/twilio/sms', params, signature), 403, 'twilio.signature_invalid');
    });

    it('a signature for another path is refused with 403', async () => {
      const params = smsParams();
      const signature = signTwilioRequest(
        ctx.container.signingToken,
        `${PUBLIC_BASE_URL}/twilio/sms/status`,
        params,
      );
      expectError(await ctx.signedPost('/twilio/sms', params, signature), 403, 'twilio.signature_invalid');
    });
  });

  describe('malformed texts from Twilio', () => {
    it.each([
      ['no From', { From: undefined }],
      ['no Body', { Body: undefined }],
      ['no MessageSid', { MessageSid: undefined }],
      ['a malformed MessageSid', { MessageSid: 'SM-not-a-sid' }],
      ['a non-numeric NumMedia', { NumMedia: 'many' }],
      ['a Body longer than Twilio allows', { Body: 'z'.repeat(1601) }],
    ])('a signed text with %s gets 400 sms.invalid_request and stores nothing', async (_name, change) => {
      expectError(await ctx.signedPost('/twilio/sms', smsParams(change)), 400, 'sms.invalid_request');
      await expectNothingStored();
    });

    it.each(['not-a-phone', '+1', '8613912345678', '+'])(
      'a signed text From %p gets 400 sms.invalid_phone and stores nothing',
      async (from) => {
        expectError(await ctx.signedPost('/twilio/sms', smsParams({ From: from })), 400, 'sms.invalid_phone');
        await expectNothingStored();
      },
    );

    it('a signed text posted as JSON instead of a form gets 400, not 500', async () => {
      const signature = signTwilioRequest(ctx.container.signingToken, `${PUBLIC_BASE_URL}/twilio/sms`, {});
      const res = await request(ctx.app)
        .post('/twilio/sms')
        .set('X-Twilio-Signature', signature)
        .send(smsParams());
      expectError(res, 400, 'sms.invalid_request');
      await expectNothingStored();
    });

    it('a repeated form field is a 400, not a 500', async () => {
      const body =
        'MessageSid=SM0000000000000000000000000000abcd&From=%2B8613912345678&From=%2B8613987654321&Body=hi';
      const params = { MessageSid: 'SM0000000000000000000000000000abcd', Body: 'hi' };
      const signature = signTwilioRequest(ctx.container.signingToken, `${PUBLIC_BASE_URL}/twilio/sms`, {
        ...params,
        From: [PHONES.citizen, PHONES.neighbour],
      } as unknown as Record<string, string>);
      const res = await request(ctx.app)
        .post('/twilio/sms')
        .set('X-Twilio-Signature', signature)
        .type('form')
        .send(body);
      expectError(res, 400, 'sms.invalid_request');
      await expectNothingStored();
    });
  });

  describe('oversized bodies', () => {
    it('a 1 MB form post to /twilio/sms gets 413 and the next good text is still answered', async () => {
      const res = await ctx.signedPost('/twilio/sms', smsParams({ Body: 'x'.repeat(ONE_MEGABYTE) }));
      expectError(res, 413, 'request.too_large');
      await expectNothingStored();

      const next = await ctx.sms(PHONES.citizen, 'The bins on Lane 5 have not been emptied');
      expect(next.status).toBe(200);
      expect(next.text).toContain('<Response/>');
      expect(await countRows(ctx, 'cases')).toBe(1);
    });

    it('a 1 MB JSON body to /api/cases gets 413', async () => {
      const res = await ctx.api('post', '/api/cases').send({
        phone: PHONES.citizen,
        description: 'y'.repeat(ONE_MEGABYTE),
        category: 'roads',
        channel: 'letter',
      });
      expectError(res, 413, 'request.too_large');
      expect(await countRows(ctx, 'cases')).toBe(0);
      expect((await ctx.api('get', '/api/cases')).status).toBe(200);
    });
  });

  describe('malformed JSON', () => {
    it.each(['/api/cases', '/api/staff'])(
      'POST %s with broken JSON gets 400 request.malformed',
      async (path) => {
        const res = await ctx
          .api('post', path)
          .set('Content-Type', 'application/json')
          .send('{"name": "Wang Fang", "phone": ');
        expectError(res, 400, 'request.malformed');
      },
    );

    it('POST /api/cases with a JSON array or a bare string gets 400', async () => {
      expectError(await ctx.api('post', '/api/cases').send([1, 2, 3]), 400, 'request.invalid');
      const bare = await ctx
        .api('post', '/api/cases')
        .set('Content-Type', 'application/json')
        .send('"hello"');
      expectError(bare, 400, 'request.malformed');
    });
  });

  describe('case references', () => {
    it('an unknown reference gets 404 case.not_found', async () => {
      expectError(await ctx.api('get', '/api/cases/12345678'), 404, 'case.not_found');
      expectError(await ctx.api('post', '/api/cases/12345678/acknowledge'), 404, 'case.not_found');
    });

    it.each(['1234', '123456789', 'abcdefgh', '1234567x'])(
      'a reference that is not 8 digits (%s) gets 400 case.invalid_ref',
      async (ref) => {
        expectError(await ctx.api('get', `/api/cases/${ref}`), 400, 'case.invalid_ref');
        expectError(
          await ctx.api('post', `/api/cases/${ref}/result`).send({ text: 'done' }),
          400,
          'case.invalid_ref',
        );
      },
    );
  });

  describe('staff see only their own cases', () => {
    let team: Awaited<ReturnType<typeof seedDutyTeam>>;
    let primaryToken: string;
    let colleagueToken: string;

    beforeEach(async () => {
      team = await seedDutyTeam(ctx);
      primaryToken = await issueToken(ctx, team.primary.id);
      colleagueToken = await issueToken(ctx, team.colleague.id);
    });

    it("a staff member asking for another's case by reference hears it does not exist, and it is unchanged", async () => {
      const { ref } = await logLetter(ctx);
      const before = await ctx.api('get', `/api/cases/${ref}`);
      expect(before.body.assignee).toEqual({ id: team.primary.id, name: 'Wang Fang' });

      expectError(await ctx.api('get', `/api/cases/${ref}`, colleagueToken), 404, 'case.not_found');
      const result = await ctx
        .api('post', `/api/cases/${ref}/result`, colleagueToken)
        .send({ text: 'Closed by someone else' });
      expectError(result, 404, 'case.not_found');
      expectError(
        await ctx.api('post', `/api/cases/${ref}/acknowledge`, colleagueToken),
        404,
        'case.not_found',
      );
      expectError(
        await ctx.api('post', `/api/cases/${ref}/notes`, colleagueToken).send({ text: 'peek' }),
        404,
        'case.not_found',
      );

      const after = await ctx.api('get', `/api/cases/${ref}`);
      expect(after.body).toEqual(before.body);
      expect(after.body.status).toBe('assigned');
      expect(after.body.result).toBeNull();

      const own = await ctx.api('get', `/api/cases/${ref}`, primaryToken);
      expect(own.status).toBe(200);
      expect(own.body.ref).toBe(ref);
    });

    it('a staff member listing cases sees only their own, whatever assignee they ask for', async () => {
      const mine = await logLetter(ctx);
      const theirs = await logLetter(ctx, { description: 'A visit about noise at night' });
      const reassigned = await ctx
        .api('post', `/api/cases/${theirs.ref}/assign`)
        .send({ staffId: team.colleague.id });
      expect(reassigned.status).toBe(200);

      const primaryList = await ctx.api('get', '/api/cases', primaryToken);
      expect(primaryList.status).toBe(200);
      expect(primaryList.body.items.map((item: { ref: string }) => item.ref)).toEqual([mine.ref]);

      const sneaky = await ctx.api('get', '/api/cases', primaryToken).query({ assignee: team.colleague.id });
      expect(sneaky.body.items.map((item: { ref: string }) => item.ref)).toEqual([mine.ref]);

      const colleagueList = await ctx.api('get', '/api/cases', colleagueToken);
      expect(colleagueList.body.items.map((item: { ref: string }) => item.ref)).toEqual([theirs.ref]);

      const supervisorToken = await issueToken(ctx, team.supervisor.id);
      const everything = await ctx.api('get', '/api/cases', supervisorToken);
      expect(everything.body.items).toHaveLength(2);
    });
  });

  describe('authentication and roles', () => {
    it('no token gets 401 auth.missing_token', async () => {
      expectError(await request(ctx.app).get('/api/cases'), 401, 'auth.missing_token');
      const basic = await request(ctx.app).get('/api/cases').set('Authorization', `Basic ${ADMIN_TOKEN}`);
      expectError(basic, 401, 'auth.missing_token');
    });

    it('a bad token gets 401 auth.invalid_token', async () => {
      expectError(await ctx.api('get', '/api/cases', 'dl_not-a-real-token'), 401, 'auth.invalid_token');
      expectError(await ctx.api('get', '/api/cases', `${ADMIN_TOKEN}x`), 401, 'auth.invalid_token');
    });

    it('a staff token on an admin route gets 403 auth.forbidden', async () => {
      const team = await seedDutyTeam(ctx);
      const token = await issueToken(ctx, team.primary.id);
      const res = await ctx
        .api('post', '/api/staff', token)
        .send({ name: 'Intruder', phone: '+8613800000099', role: 'admin' });
      expectError(res, 403, 'auth.forbidden');
      expectError(await ctx.api('post', '/api/jobs/dispatch-outbox/run', token), 403, 'auth.forbidden');
      expectError(await ctx.api('get', '/api/messages', token), 403, 'auth.forbidden');
    });
  });

  describe('unknown routes and bad staff input', () => {
    it('an unknown route gets a JSON 404 route.not_found', async () => {
      expectError(await request(ctx.app).get('/no/such/page'), 404, 'route.not_found');
      expectError(await ctx.api('get', '/api/no-such-thing'), 404, 'route.not_found');
      expectError(await ctx.signedPost('/twilio/no-such-hook', smsParams()), 404, 'route.not_found');
    });

    it('POST /api/staff with an invalid phone gets 400 staff.invalid_phone', async () => {
      for (const phone of ['13800000001', '+86 12', 'call me']) {
        const res = await ctx.api('post', '/api/staff').send({ name: 'Wang Fang', phone, role: 'staff' });
        expectError(res, 400, 'staff.invalid_phone');
      }
    });

    it('POST /api/staff with a phone already on file gets 409 staff.phone_taken', async () => {
      const body = { name: 'Wang Fang', phone: PHONES.primary, role: 'staff' };
      expect((await ctx.api('post', '/api/staff').send(body)).status).toBe(201);
      const again = await ctx
        .api('post', '/api/staff')
        .send({ ...body, name: 'Someone Else', phone: '+86 138 0000 0001' });
      expectError(again, 409, 'staff.phone_taken');
    });

    it('POST /api/staff with an unknown role gets 400 request.invalid', async () => {
      const res = await ctx
        .api('post', '/api/staff')
        .send({ name: 'Wang Fang', phone: PHONES.primary, role: 'overlord' });
      expectError(res, 400, 'request.invalid');
    });

    it('PATCH /api/staff with a bad id, an unknown id or an unknown field gets a 4xx', async () => {
      expectError(await ctx.api('patch', '/api/staff/abc').send({ name: 'X' }), 400, 'staff.invalid_id');
      expectError(await ctx.api('patch', '/api/staff/999').send({ name: 'X' }), 404, 'staff.not_found');
      const added = await ctx
        .api('post', '/api/staff')
        .send({ name: 'Wang', phone: PHONES.primary, role: 'staff' });
      expectError(
        await ctx.api('patch', `/api/staff/${added.body.id}`).send({ salary: 100 }),
        400,
        'request.invalid',
      );
      expectError(
        await ctx.api('patch', `/api/staff/${added.body.id}`).send({ active: 'no' }),
        400,
        'request.invalid',
      );
    });
  });

  describe('query values', () => {
    it.each([
      ['limit=0'],
      ['limit=201'],
      ['limit=two'],
      ['status=bogus'],
      ['from=yesterday'],
      ['to=2027-03-01'],
      ['assignee=someone'],
      ['cursor=-1'],
      ['status=open&status=closed'],
      ['phone=call-me'],
    ])('GET /api/cases?%s gets 400', async (query) => {
      expectError(await ctx.api('get', `/api/cases?${query}`), 400, 'request.invalid');
    });
  });

  describe('SMS status callbacks', () => {
    it('a signed status callback with no MessageSid gets 400', async () => {
      const res = await ctx.signedPost('/twilio/sms/status', { MessageStatus: 'delivered' });
      expectError(res, 400, 'twilio.status_invalid');
    });

    it('an unsigned status callback gets 400, a wrongly signed one 403', async () => {
      const params = { MessageSid: fakeSid('SM'), MessageStatus: 'delivered' };
      expectError(await ctx.signedPost('/twilio/sms/status', params, null), 400, 'twilio.signature_missing');
      expectError(
        await ctx.signedPost('/twilio/sms/status', params, 'AAAA'),
        403,
        'twilio.signature_invalid',
      );
    });

    it('a valid status callback gets 204 with no body', async () => {
      const res = await ctx.signedPost('/twilio/sms/status', {
        MessageSid: fakeSid('SM'),
        MessageStatus: 'delivered',
        AccountSid: `AC${'0'.repeat(32)}`,
      });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
    });
  });

  describe('failures inside the server', () => {
    const leaked = 'SQLITE_IOERR: disk I/O error at /var/lib/dutyline';

    it('a repository that throws gives a JSON 500 "internal" with no stack, and the next request is served', async () => {
      const { ref } = await logLetter(ctx);
      const spy = jest
        .spyOn(ctx.container.casesRepository, 'findByRef')
        .mockRejectedValueOnce(new Error(leaked));

      const res = await ctx.api('get', `/api/cases/${ref}`);
      expectError(res, 500, 'internal');
      expect(res.text).not.toContain('SQLITE');
      expect(res.text).not.toContain('/var/lib');
      expect(res.text).not.toMatch(/\bat \S+ \(/);
      expect(spy).toHaveBeenCalledTimes(1);

      const next = await ctx.api('get', `/api/cases/${ref}`);
      expect(next.status).toBe(200);
      expect(next.body.ref).toBe(ref);
    });

    it('a failing write while a text arrives gives a JSON 500 and rolls back; Twilio retry then succeeds', async () => {
      jest.spyOn(ctx.container.casesRepository, 'appendEvent').mockRejectedValueOnce(new Error(leaked));
      const sid = fakeSid('SM');
      const res = await ctx.sms(PHONES.citizen, 'Water is leaking into the street', sid);
      expectError(res, 500, 'internal');
      expect(res.text).not.toContain('SQLITE');
      await expectNothingStored();

      const retry = await ctx.sms(PHONES.citizen, 'Water is leaking into the street', sid);
      expect(retry.status).toBe(200);
      expect(await countRows(ctx, 'cases')).toBe(1);
      expect(await countRows(ctx, 'inbound_messages')).toBe(1);
    });

    it('an error after the answer has started cuts the connection instead of leaving the client hanging', async () => {
      const app = express();
      app.get('/stream', async (_req, res) => {
        res.status(200).type('text/plain');
        res.write('first part');
        throw new Error(leaked);
      });
      app.use(createErrorHandler(silentLogger));
      const outcome = await Promise.race([
        request(app)
          .get('/stream')
          .then(
            () => 'answered',
            () => 'cut',
          ),
        new Promise((resolve) => setTimeout(() => resolve('hung'), 2000)),
      ]);
      expect(outcome).toBe('cut');
    });

    it('a closed database makes /healthz report it down and other routes answer JSON 500s; the server still answers what needs no database', async () => {
      await ctx.database.lose();

      const health = await request(ctx.app).get('/healthz');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ ok: false, database: 'down', offline: true });
      expectError(await ctx.api('get', '/api/cases'), 500, 'internal');
      const text = await ctx.sms(PHONES.citizen, 'Is anyone there?');
      expectError(text, 500, 'internal');
      expect(text.text).not.toContain('database connection');

      expectError(await request(ctx.app).get('/still/here'), 404, 'route.not_found');
      expect(
        (await request(ctx.app).get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`)).status,
      ).toBe(200);
    });
  });
});
