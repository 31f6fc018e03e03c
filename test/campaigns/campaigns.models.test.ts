import { buildCampaignFigures, campaignPeriods } from '../../src/campaigns/campaigns.models';

const campaign = { from: '2027-03-01T00:00:00.000Z', to: '2027-03-11T00:00:00.000Z' };

describe('the three windows of a campaign', () => {
  it('before and after are as long as the campaign, on either side of it', () => {
    const periods = campaignPeriods(campaign, new Date('2027-06-01T00:00:00Z'));

    expect(periods).toEqual({
      before: {
        from: '2027-02-19T00:00:00.000Z',
        to: '2027-03-01T00:00:00.000Z',
        countedTo: '2027-03-01T00:00:00.000Z',
        partial: false,
      },
      during: {
        from: '2027-03-01T00:00:00.000Z',
        to: '2027-03-11T00:00:00.000Z',
        countedTo: '2027-03-11T00:00:00.000Z',
        partial: false,
      },
      after: {
        from: '2027-03-11T00:00:00.000Z',
        to: '2027-03-21T00:00:00.000Z',
        countedTo: '2027-03-21T00:00:00.000Z',
        partial: false,
      },
    });
  });

  it('nothing is counted past now: a window running is partial, one not begun is empty', () => {
    const periods = campaignPeriods(campaign, new Date('2027-03-04T06:00:00Z'));

    expect(periods.during).toMatchObject({ countedTo: '2027-03-04T06:00:00.000Z', partial: true });
    expect(periods.after).toMatchObject({ countedTo: '2027-03-11T00:00:00.000Z', partial: true });
    expect(periods.before.partial).toBe(false);
  });

  it('a campaign planned for later has its before window running and the rest empty', () => {
    const periods = campaignPeriods(campaign, new Date('2027-02-24T00:00:00Z'));

    expect(periods.before).toMatchObject({ countedTo: '2027-02-24T00:00:00.000Z', partial: true });
    expect(periods.during.countedTo).toBe(campaign.from);
  });
});

describe('campaign figures', () => {
  it('totals each window over the places, and lists every place of the campaign, even with no complaints', () => {
    const periods = campaignPeriods(campaign, new Date('2027-03-15T00:00:00Z'));
    const figures = buildCampaignFigures(
      { places: ['dali-road', 'minzhu-road', 'yuquan-road'], result: null },
      periods,
      {
        before: new Map([
          ['dali-road', 5],
          ['minzhu-road', 2],
        ]),
        during: new Map([['dali-road', 3]]),
        after: new Map([['minzhu-road', 1]]),
      },
      {
        total: 6,
        openByPlace: new Map<string | null, number>([
          ['dali-road', 2],
          [null, 1],
        ]),
      },
    );

    expect([figures.before.count, figures.during.count, figures.after.count]).toEqual([7, 3, 1]);
    expect(figures.after.partial).toBe(true);
    expect(figures.byPlace).toEqual([
      { placeId: 'dali-road', before: 5, during: 3, after: 0, open: 2 },
      { placeId: 'minzhu-road', before: 2, during: 0, after: 1, open: 0 },
      { placeId: 'yuquan-road', before: 0, during: 0, after: 0, open: 0 },
    ]);
    // A case linked by hand that has no place is still open in the campaign.
    expect(figures).toMatchObject({ open: 3, linked: 6, result: null });
  });
});
