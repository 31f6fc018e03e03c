import type { CaseEvent } from '../../src/cases/cases.models';
import { buildCategories } from '../../src/content/categories';
import { LANGUAGES, type Language } from '../../src/staff/staff.models';
import { describeEvent } from '../../src/web/cases/case-events';
import { commonMessages } from '../../src/web/i18n/common.i18n';

const categories = buildCategories(
  ['other', 'callback', 'roads', 'sanitation'].map((id) => ({
    id,
    name: { en: `${id} (en)`, 'zh-CN': `${id}（中）` },
    commitments: {
      normal: { acknowledgeHours: 4, resultHours: 72 },
      important: { acknowledgeHours: 2, resultHours: 24 },
      urgent: { acknowledgeHours: 0.5, resultHours: 4 },
    },
  })),
);

const context = (language: Language) => ({
  language,
  zone: 'Asia/Shanghai',
  common: commonMessages(language),
  staffName: (id: number | null | undefined) => (id === 7 ? 'Wang Fang' : id === 8 ? 'Li Qiang' : null),
  categoryName: (id: string) => categories.name(id, language),
  placeName: (id: string) =>
    id === 'dongguan-street' ? (language === 'en' ? 'Dongguan Street' : '东关街') : id,
});

let nextId = 1;
function event(
  type: string,
  data: Record<string, unknown> = {},
  actor: Partial<CaseEvent['actor']> = {},
): CaseEvent {
  return {
    id: nextId++,
    at: '2027-03-01T02:00:00.000Z',
    type,
    actor: { type: 'staff', staffId: 7, channel: 'web', ...actor },
    data,
  };
}

/** Every event type the code base appends, with the data it appends. */
const EVERY_EVENT: CaseEvent[] = [
  event(
    'created',
    { channel: 'voice', category: 'roads', priority: 'urgent' },
    { type: 'citizen', staffId: null, channel: 'voice' },
  ),
  event(
    'assigned',
    { staffId: 7, reason: 'primary_on_duty' },
    { type: 'system', staffId: null, channel: 'system' },
  ),
  event('assigned', { staffId: 7, reason: 'no_primary_on_duty' }),
  event('assigned', { staffId: 7, reason: 'accepted_call' }),
  event('assigned', { staffId: 8, previousStaffId: 7, reason: 'claimed' }),
  event('assigned', { staffId: 8, previousStaffId: 7, reason: 'handover_sick' }),
  event('assigned', { staffId: 8, previousStaffId: 7, reason: 'handover_absence' }),
  event('assigned', { staffId: 8, previousStaffId: 7 }),
  event('assigned', { staffId: null, previousStaffId: 7 }),
  event('acknowledged'),
  event('resolved', { result: 'Fixed' }),
  event('note', { text: 'Rang the depot' }),
  event('reopened', { reason: 'Still broken' }),
  event('reopened', { reason: 'citizen unsatisfied' }, { type: 'citizen', staffId: null, channel: 'sms' }),
  event('closed', { reason: 'satisfied' }),
  event('closed', { reason: 'satisfaction_window_ended' }),
  event('signed_off', { satisfaction: 'satisfied' }),
  event('sign_off_requested', { reason: 'satisfied', supervisorIds: [8] }),
  event('satisfaction_asked'),
  event('satisfaction_not_asked', { reason: 'cannot_receive_sms' }),
  event('satisfaction_answered', { answer: 'satisfied' }),
  event('satisfaction_answered', { answer: 'unsatisfied' }),
  event('feedback_sent', { via: 'sms', outboxId: 3 }),
  event('feedback_delivered', { via: 'sms', outboxId: 3 }),
  event('feedback_delivered', { via: 'call' }),
  event('merged_into', { into: '12345678', previousStatus: 'assigned' }),
  event('merged_from', { ref: '87654321' }),
  event('reporter_answered', { ref: '87654321', answer: 'satisfied' }),
  event('reporter_answered', { ref: '87654321', answer: 'unsatisfied' }),
  event('result_forwarded', { from: '12345678', result: 'Fixed' }),
  event('callback_raised', {
    taskId: 1,
    reason: 'feedback_undeliverable',
    dueAt: '2027-03-01T06:00:00.000Z',
  }),
  event('callback_raised', { taskId: 1, reason: 'abandoned_call', dueAt: '2027-03-01T06:00:00.000Z' }),
  event('callback_logged', { outcome: 'reached', note: '' }),
  event('callback_logged', {
    outcome: 'no_answer',
    note: 'Rang twice',
    nextDueAt: '2027-03-01T04:00:00.000Z',
  }),
  event('callback_logged', { outcome: 'no_answer', note: '', closed: true }),
  event('callback_logged', { outcome: 'wrong_number', note: '' }),
  event('callback_done', { taskId: 1, outcome: 'sms_delivered' }),
  event('callback_done', { taskId: 1, outcome: 'message_left' }),
  event('callback_reminded', { taskId: 1, staffId: 7, dueAt: '2027-03-01T04:00:00.000Z' }),
  event('callback_escalated', { taskId: 1, supervisorIds: [8] }),
  event('callback_call_started', { callId: 1, staffId: 7 }),
  event(
    'callback_call_ended',
    { callId: 1, staffId: 7, status: 'completed', citizenLeg: 'completed', durationSeconds: 95 },
    { type: 'system', staffId: null, channel: 'voice' },
  ),
  event(
    'callback_call_ended',
    { callId: 1, staffId: 7, status: 'completed', citizenLeg: 'no-answer', durationSeconds: 40 },
    { type: 'system', staffId: null, channel: 'voice' },
  ),
  event(
    'callback_call_ended',
    { callId: 1, staffId: 7, status: 'no-answer', citizenLeg: 'not_dialed', durationSeconds: 30 },
    { type: 'system', staffId: null, channel: 'voice' },
  ),
  event('callback_call_failed', {
    callId: 2,
    code: 'callback_call.twilio_rate_limited',
    twilioStatus: 429,
    twilioCode: 20429,
  }),
  event('reminded', { deadline: 'acknowledge' }),
  event('reminded', { deadline: 'result' }),
  event('escalated', { deadline: 'acknowledge' }),
  event('escalated', { deadline: 'result' }),
  event('urgent_alerted', { recipients: 'supervisor', staffIds: [8] }),
  event('urgent_alerted', { recipients: 'backup', staffIds: [8] }),
  event('urgent_alerted', { recipients: 'all_supervisors', staffIds: [8] }),
  event('urgent_alerted', { recipients: 'none', staffIds: [] }),
  event('citizen_message', { text: 'It is worse today' }, { type: 'citizen', staffId: null, channel: 'sms' }),
  event('open311_received', {
    partner: 'City app',
    keyId: 1,
    firstName: 'Xiaohong',
    lastName: 'Liu',
    email: 'liu@example.com',
    addressString: 'Dali Road 12',
  }),
  event('campaign_linked', { campaignId: 1, name: 'Dali Road sanitation' }),
  event('campaign_unlinked', { campaignId: 1, name: 'Dali Road sanitation' }),
  event('recording_attached', { durationSeconds: 42 }, { type: 'system', staffId: null, channel: 'voice' }),
  event(
    'place_heard',
    { heard: '东关街那边', confidence: 0.87, placeId: 'dongguan-street' },
    { type: 'citizen', staffId: null, channel: 'voice' },
  ),
  event('review_requested', { reviewers: [7, 8], quorum: 2 }),
  event('review_opinion', { verdict: 'agree', opinion: 'Handled well' }, { channel: 'sms' }),
  event('review_opinion', { verdict: 'disagree', opinion: 'No photo' }),
  event('review_decided', { outcome: 'signed_off', agree: 2, disagree: 0 }),
  event('review_decided', { outcome: 'reopened', agree: 0, disagree: 2 }),
  event('review_decided', { outcome: 'undecided', agree: 2, disagree: 2 }),
  event('review_withdrawn', { agree: 1, disagree: 0 }),
  event('review_reminded', { staffIds: [7, 8] }, { type: 'system', staffId: null, channel: 'system' }),
  event('assigned', { staffId: 8, previousStaffId: 7, reason: 'about_staff' }),
  event('concerns_staff_set', { staffId: 7, previousStaffId: null }),
  event('concerns_staff_set', { staffId: null, previousStaffId: 7 }),
  event('triaged', {
    category: { from: 'roads', to: 'sanitation' },
    priority: { from: 'normal', to: 'important' },
    place: { from: null, to: 'Dali Road' },
    dueAt: { from: '2027-03-04T02:00:00.000Z', to: '2027-03-02T02:00:00.000Z' },
  }),
];

describe('the case page reads every audit event as a sentence', () => {
  it.each(LANGUAGES)(
    'in %s, every event type the code appends has its own sentence, with nothing left unfilled',
    (language) => {
      for (const each of EVERY_EVENT) {
        const line = describeEvent(each, context(language));
        expect({ type: each.type, text: line.text }).toEqual({
          type: each.type,
          text: expect.not.stringMatching(/[{}]|undefined|Event “|事件“/),
        });
        expect(line.who).not.toBe('');
        expect(line.via).not.toBe(each.actor.channel);
      }
    },
  );

  it('says who and through what, and names a case it links to', () => {
    const en = context('en');
    expect(describeEvent(EVERY_EVENT[4], en)).toEqual({
      text: 'Li Qiang took the case',
      who: 'Wang Fang',
      via: 'on the web',
    });
    expect(describeEvent(event('note', { text: 'x' }, { staffId: null, channel: 'api' }), en).who).toBe(
      'Administrator',
    );
    expect(describeEvent(EVERY_EVENT[25], en)).toMatchObject({
      text: 'Merged into case 12345678',
      ref: '12345678',
    });
    expect(describeEvent(EVERY_EVENT[1], en)).toMatchObject({
      text: 'Assigned to Wang Fang, the primary on duty',
      who: 'Dutyline',
      via: 'automatically',
    });
    expect(describeEvent(EVERY_EVENT.at(-1)!, en).text).toBe(
      'Triaged: category roads (en) → sanitation (en); priority Normal → Important; place none → Dali Road; result due 4 Mar 10:00 → 2 Mar 10:00',
    );
    expect(describeEvent(EVERY_EVENT.at(-1)!, context('zh-CN')).text).toBe(
      '分类定级：分类 roads（中） → sanitation（中）；优先级 一般 → 重要；地点 无 → Dali Road；办结时限 3月4日 10:00 → 3月2日 10:00',
    );
    expect(describeEvent(EVERY_EVENT[33], en).text).toBe(
      'Call-back: no answer; next try by 1 Mar 12:00; Rang twice',
    );
  });

  it('a masked call-back: who was rung, how the citizen leg went, and why it never reached them', () => {
    const ended = (data: Record<string, unknown>) =>
      describeEvent(event('callback_call_ended', { callId: 1, staffId: 7, ...data }), context('en')).text;
    expect(describeEvent(event('callback_call_started', { callId: 1, staffId: 7 }), context('en')).text).toBe(
      'Masked call-back: the hotline is ringing Wang Fang',
    );
    expect(ended({ status: 'completed', citizenLeg: 'completed', durationSeconds: 95 })).toBe(
      'Masked call-back ended: Wang Fang talked with the citizen (95 s)',
    );
    expect(ended({ status: 'completed', citizenLeg: 'not_dialed', durationSeconds: 12 })).toBe(
      'Masked call-back ended before the citizen was rung: Wang Fang did not press 1',
    );
    expect(
      describeEvent(
        event('callback_call_ended', { staffId: 7, status: 'no-answer', citizenLeg: 'not_dialed' }),
        context('zh-CN'),
      ).text,
    ).toBe('热线回电结束，未呼叫群众：Wang Fang未接听');
  });

  it('what a caller said at the street question, and the place it named or that it named none', () => {
    const voice = { type: 'citizen', staffId: null, channel: 'voice' } as const;
    const named = event(
      'place_heard',
      { heard: '东关街那边', confidence: 0.87, placeId: 'dongguan-street' },
      voice,
    );
    expect(describeEvent(named, context('en')).text).toBe(
      'The caller said where: “东关街那边” (87% sure): Dongguan Street',
    );
    expect(describeEvent(named, context('zh-CN')).text).toBe(
      '来电者说出的地点：“东关街那边”（把握87%）：东关街',
    );
    const unknown = event('place_heard', { heard: '人民广场', confidence: null, placeId: null }, voice);
    expect(describeEvent(unknown, context('en')).text).toBe(
      'The caller said where: “人民广场”: no place in the gazetteer; set it by triage',
    );
    expect(describeEvent(unknown, context('zh-CN')).text).toBe(
      '来电者说出的地点：“人民广场”：地名库中没有，请分类定级时填写',
    );
  });

  it('a request from an Open311 partner names the partner and what it sent about the reporter', () => {
    const received = EVERY_EVENT.find((each) => each.type === 'open311_received')!;
    expect(describeEvent(received, context('en')).text).toBe(
      'Reported through Open311 by “City app”: Xiaohong Liu; liu@example.com; Dali Road 12',
    );
    expect(describeEvent(received, context('zh-CN')).text).toBe(
      '经Open311由“City app”转来：Xiaohong Liu；liu@example.com；Dali Road 12',
    );
  });

  it('a triage that only tied the same text to a gazetteer place says which place', () => {
    const tied = event('triaged', { placeId: { from: null, to: 'dongguan-street' } });
    expect(describeEvent(tied, context('en')).text).toBe('Triaged: gazetteer place none → Dongguan Street');
    expect(describeEvent(tied, context('zh-CN')).text).toBe('分类定级：地名库地点 无 → 东关街');
  });

  it('an event type it does not know still shows, by its name', () => {
    expect(describeEvent(event('moon_landed'), context('en')).text).toBe('Event “moon_landed”');
    expect(describeEvent(event('moon_landed'), context('zh-CN')).text).toBe('事件“moon_landed”');
  });
});
