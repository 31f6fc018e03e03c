import path from 'node:path';
import {
  applyCallbackOutcome,
  callbackEscalationKey,
  callbackReminderKey,
  feedbackCallbackDueAt,
  isCallbackOverdue,
} from '../../src/callbacks/callbacks.models';
import { loadKeywords } from '../../src/content/keywords';
import { parseStaffText } from '../../src/sms/sms.commands';

const keywords = loadKeywords(path.resolve(__dirname, '../../flows'));
const staff = (text: string) => parseStaffText(text, keywords.staff);

describe('call-back rules', () => {
  const now = '2027-03-01T02:00:00.000Z';

  it('a result that cannot be texted is owed by phone within 4 hours', () => {
    expect(feedbackCallbackDueAt(now)).toBe('2027-03-01T06:00:00.000Z');
  });

  it('no answer is another try two hours on, unless a supervisor gives up; any other outcome ends the task', () => {
    expect(applyCallbackOutcome('no_answer', false, now)).toEqual({
      kind: 'retry',
      dueAt: '2027-03-01T04:00:00.000Z',
    });
    expect(applyCallbackOutcome('no_answer', true, now)).toEqual({ kind: 'done', outcome: 'no_answer' });
    expect(applyCallbackOutcome('reached', false, now)).toEqual({ kind: 'done', outcome: 'reached' });
    expect(applyCallbackOutcome('wrong_number', false, now)).toEqual({
      kind: 'done',
      outcome: 'wrong_number',
    });
  });

  it('reminds once per due time and escalates once per task', () => {
    const task = { id: 7, dueAt: '2027-03-01T06:00:00.000Z' };
    expect(callbackReminderKey(task)).not.toBe(
      callbackReminderKey({ ...task, dueAt: '2027-03-01T08:00:00.000Z' }),
    );
    expect(callbackEscalationKey(task)).toBe(callbackEscalationKey({ id: 7 }));
  });

  it('is overdue from its due time while open', () => {
    const task = { dueAt: '2027-03-01T06:00:00.000Z', doneAt: null };
    expect(isCallbackOverdue(task, new Date('2027-03-01T05:59:59.999Z'))).toBe(false);
    expect(isCallbackOverdue(task, new Date('2027-03-01T06:00:00.000Z'))).toBe(true);
    expect(isCallbackOverdue({ ...task, doneAt: now }, new Date('2027-03-02T00:00:00Z'))).toBe(false);
  });
});

describe('staff texts logging a call-back', () => {
  it('CALLED / 回访 <ref> <note> reports a call that reached the citizen', () => {
    expect(staff('CALLED 12345678 told her the result')).toEqual({
      kind: 'called',
      ref: '12345678',
      text: 'told her the result',
    });
    expect(staff('called １２３４-５６７８')).toEqual({ kind: 'called', ref: '12345678', text: '' });
    expect(staff('回访12345678 已电话告知')).toEqual({ kind: 'called', ref: '12345678', text: '已电话告知' });
  });

  it('NOANSWER / NO ANSWER / 未接通 <ref> reports a call nobody answered', () => {
    expect(staff('NOANSWER 12345678')).toEqual({ kind: 'no_answer', ref: '12345678', text: '' });
    expect(staff('no answer 12345678 rang out')).toEqual({
      kind: 'no_answer',
      ref: '12345678',
      text: 'rang out',
    });
    expect(staff('未接通 12345678')).toEqual({ kind: 'no_answer', ref: '12345678', text: '' });
  });

  it('does not take other words for them', () => {
    expect(staff('CALLEDX 12345678').kind).toBe('help');
    expect(staff('NOTE 12345678 called the owner').kind).toBe('note');
  });
});
