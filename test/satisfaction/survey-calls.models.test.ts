import {
  awaitsSurveyAnswer,
  isSurveyCallingHour,
  outcomeOfEnd,
  readSurveyKey,
  retryAtFor,
} from '../../src/satisfaction/survey/survey-calls.models';

describe('survey call rules', () => {
  it('rings from 08:00 to before 21:00 in the hotline’s time zone', () => {
    const at = (iso: string) => isSurveyCallingHour(new Date(iso), 'Asia/Shanghai');
    expect(at('2027-03-01T23:59:59.999Z')).toBe(false); // 07:59:59 in Shanghai
    expect(at('2027-03-02T00:00:00.000Z')).toBe(true); // 08:00
    expect(at('2027-03-02T12:59:59.999Z')).toBe(true); // 20:59:59
    expect(at('2027-03-02T13:00:00.000Z')).toBe(false); // 21:00
    expect(isSurveyCallingHour(new Date('2027-03-02T13:00:00.000Z'), 'Europe/London')).toBe(true);
  });

  it('1 is satisfied, 2 is not, and any other key (or none) hears the question once more, then the call gives up', () => {
    expect(readSurveyKey('1', 0)).toEqual({ kind: 'answer', answer: 'satisfied' });
    expect(readSurveyKey('2', 1)).toEqual({ kind: 'answer', answer: 'unsatisfied' });
    expect(readSurveyKey('5', 0)).toEqual({ kind: 'again' });
    expect(readSurveyKey('', 0)).toEqual({ kind: 'again' });
    expect(readSurveyKey('5', 1)).toEqual({ kind: 'give_up' });
  });

  it('a call that ended without a key is no answer, busy and unanswered alike', () => {
    expect(outcomeOfEnd('completed')).toBe('no_key');
    expect(outcomeOfEnd('no-answer')).toBe('no_answer');
    expect(outcomeOfEnd('busy')).toBe('no_answer');
    expect(outcomeOfEnd('failed')).toBe('failed');
  });

  it('retries once, 2 hours on, capped by the end of the citizen window', () => {
    const ended = new Date('2027-03-01T02:00:00.000Z');
    const windowEnd = '2027-03-04T02:00:00.000Z';
    expect(retryAtFor(1, 'no_answer', ended, windowEnd)).toBe('2027-03-01T04:00:00.000Z');
    expect(retryAtFor(1, 'failed', ended, windowEnd)).toBe('2027-03-01T04:00:00.000Z');
    expect(retryAtFor(2, 'no_answer', ended, windowEnd)).toBeNull();
    expect(retryAtFor(1, 'satisfied', ended, windowEnd)).toBeNull();
    expect(retryAtFor(1, 'no_key', ended, '2027-03-01T03:00:00.000Z')).toBe('2027-03-01T03:00:00.000Z');
    expect(retryAtFor(1, 'no_key', ended, '2027-03-01T02:00:00.000Z')).toBeNull();
  });

  it('only a citizen still owing an answer within their window is rung', () => {
    const now = new Date('2027-03-02T00:00:00.000Z');
    const owing = {
      status: 'resolved',
      satisfactionAskedAt: '2027-03-01T02:00:00.000Z',
      satisfactionAnswer: null,
    } as const;
    expect(awaitsSurveyAnswer(owing, now, '2027-03-04T02:00:00.000Z')).toBe(true);
    expect(awaitsSurveyAnswer({ ...owing, status: 'merged' }, now, '2027-03-04T02:00:00.000Z')).toBe(true);
    expect(
      awaitsSurveyAnswer({ ...owing, satisfactionAnswer: 'satisfied' }, now, '2027-03-04T02:00:00.000Z'),
    ).toBe(false);
    expect(awaitsSurveyAnswer({ ...owing, status: 'reopened' }, now, '2027-03-04T02:00:00.000Z')).toBe(false);
    expect(awaitsSurveyAnswer(owing, now, '2027-03-01T23:00:00.000Z')).toBe(false);
  });
});
