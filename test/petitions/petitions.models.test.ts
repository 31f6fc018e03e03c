import { diffPetition, priorityWithPetition } from '../../src/petitions/petitions.models';
import { findPetitionsMissingHaves, type PetitionHaves } from '../../src/reports/petition-haves.models';

describe('petition rules', () => {
  it('a petition makes a normal case important, keeps an urgent one urgent, and a chosen priority wins', () => {
    expect(priorityWithPetition('normal')).toBe('important');
    expect(priorityWithPetition('important')).toBe('important');
    expect(priorityWithPetition('urgent')).toBe('urgent');
    expect(priorityWithPetition('normal', 'normal')).toBe('normal');
    expect(priorityWithPetition('urgent', 'important')).toBe('important');
  });

  it('a correction lists only what changed, representatives by name', () => {
    const before = {
      headcount: 5,
      representatives: [{ name: 'Liu Yang', phone: '+8613911110001' }],
      visitDate: null,
      demands: 'Reopen the market',
    };
    expect(diffPetition(before, { headcount: 5, demands: 'Reopen the market' })).toEqual({});
    expect(
      diffPetition(before, {
        representatives: [{ name: 'Liu Yang', phone: '+8613911110009' }],
        visitDate: '2027-03-04',
      }),
    ).toEqual({
      representatives: { from: ['Liu Yang'], to: ['Liu Yang'] },
      visitDate: { from: null, to: '2027-03-04' },
    });
  });
});

describe('petitions in a duty-gap window', () => {
  const petition = (overrides: Partial<PetitionHaves>): PetitionHaves => ({
    ref: '12345674',
    status: 'assigned',
    priority: 'important',
    dueAt: new Date('2027-03-04T02:00:00Z'),
    assigneeId: 1,
    result: null,
    feedbackDeliveredAt: null,
    feedbackVia: null,
    headcount: 40,
    representatives: 5,
    visitDate: '2027-03-01',
    mergedRefs: ['23456781'],
    recordedAt: new Date('2027-03-01T02:00:00Z'),
    ...overrides,
  });
  const window = { to: new Date('2027-03-02T00:00:00Z') };

  it('lists every petition recorded before the window’s end still missing a have, whatever its deadline', () => {
    const found = findPetitionsMissingHaves(
      [
        petition({}),
        petition({ ref: '34567892', recordedAt: new Date('2027-03-02T00:00:00Z') }),
        petition({ ref: '45678903', result: 'Done', feedbackVia: 'call' }),
        petition({
          ref: '56789014',
          assigneeId: null,
          result: 'Done',
          feedbackDeliveredAt: '2027-03-01T05:00:00Z',
        }),
      ],
      window,
    );
    expect(found.map((item) => [item.ref, item.missing])).toEqual([
      ['12345674', ['result', 'feedback']],
      ['56789014', ['assignee']],
    ]);
    expect(found[0]).not.toHaveProperty('result');
  });
});
