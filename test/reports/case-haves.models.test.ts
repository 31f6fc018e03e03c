import { type CaseHaves, findCasesMissingHaves, missingHaves } from '../../src/reports/case-haves.models';
import { at } from './fixtures';

const complete: CaseHaves = {
  ref: '10000001',
  status: 'closed',
  dueAt: at('2027-03-02T00:00:00.000Z'),
  assigneeId: 1,
  result: 'Lamp replaced',
  feedbackDeliveredAt: '2027-03-01T20:00:00.000Z',
  feedbackVia: 'sms',
};

describe('cases past their deadline missing a have', () => {
  it('names each missing have; feedback logged as a call-back counts even without a delivery receipt', () => {
    expect(missingHaves(complete)).toEqual([]);
    expect(
      missingHaves({
        ...complete,
        assigneeId: null,
        result: null,
        feedbackDeliveredAt: null,
        feedbackVia: null,
      }),
    ).toEqual(['assignee', 'result', 'feedback']);
    expect(missingHaves({ ...complete, feedbackDeliveredAt: null, feedbackVia: 'call' })).toEqual([]);
    expect(missingHaves({ ...complete, result: '  ' })).toEqual(['result']);
  });

  it('keeps deadlines in the window that have passed, leaves out complete and merged cases, soonest deadline first', () => {
    const window = { from: at('2027-03-01T00:00:00.000Z'), to: at('2027-03-08T00:00:00.000Z') };
    const now = at('2027-03-04T00:00:00.000Z');
    const cases: CaseHaves[] = [
      { ...complete, ref: 'complete' },
      {
        ...complete,
        ref: 'late',
        dueAt: at('2027-03-03T00:00:00.000Z'),
        result: null,
        feedbackDeliveredAt: null,
        feedbackVia: null,
      },
      { ...complete, ref: 'early', dueAt: at('2027-03-01T00:00:00.000Z'), assigneeId: null },
      { ...complete, ref: 'not yet due', dueAt: at('2027-03-05T00:00:00.000Z'), result: null },
      { ...complete, ref: 'before the window', dueAt: at('2027-02-28T23:59:59.000Z'), result: null },
      { ...complete, ref: 'merged', status: 'merged', result: null },
    ];
    expect(findCasesMissingHaves(cases, window, now).map((item) => [item.ref, item.missing])).toEqual([
      ['early', ['assignee']],
      ['late', ['result', 'feedback']],
    ]);
  });
});
