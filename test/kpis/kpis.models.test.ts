import { buildKpis, type KpiCounts, ratio } from '../../src/kpis/kpis.models';

const nothing: KpiCounts = {
  calls: { calls: 0, abandoned: 0, askedForOfficer: 0, accepted: 0, averageAnswerMs: null },
  resolutions: { resolved: 0, onTime: 0, withFeedback: 0, reopened: 0 },
  answers: { answers: 0, satisfied: 0 },
  deadlines: { due: 0, complete: 0 },
  volumes: { total: 0, byChannel: [], byCategory: [], topPlaces: [], unknownPlace: 0 },
  petitions: { count: 0, headcount: 0 },
};

describe('KPI arithmetic', () => {
  it('a ratio of nothing is null, of something a fraction', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(3, 4)).toBe(0.75);
  });

  it('turns counts into rates, the mean answer time into seconds to the ms, and volumes into ranked totals', () => {
    const kpis = buildKpis({
      calls: { calls: 10, abandoned: 1, askedForOfficer: 4, accepted: 3, averageAnswerMs: 12_345.6 },
      resolutions: { resolved: 8, onTime: 6, withFeedback: 7, reopened: 1 },
      answers: { answers: 5, satisfied: 4 },
      deadlines: { due: 9, complete: 8 },
      volumes: {
        total: 7,
        byChannel: [
          { key: 'sms', count: 2 },
          { key: 'voice', count: 5 },
        ],
        byCategory: [
          { key: 'noise', count: 3 },
          { key: 'roads', count: 0 },
          { key: 'water', count: 4 },
        ],
        topPlaces: [{ place: 'Renmin Road', count: 2 }],
        unknownPlace: 5,
      },
      petitions: { count: 2, headcount: 45 },
    });
    expect(kpis).toEqual({
      answerRate: 0.75,
      abandonmentRate: 0.1,
      averageSpeedOfAnswerSeconds: 12.346,
      onTimeCompletionRate: 0.75,
      feedbackRate: 0.875,
      satisfactionRate: 0.8,
      reopenRate: 0.125,
      fourHavesCompliance: 8 / 9,
      volumes: {
        total: 7,
        byChannel: { voice: 5, sms: 2, letter: 0, visit: 0, web: 0, open311: 0 },
        byCategory: { water: 4, noise: 3 },
        byPlace: [
          { place: 'Renmin Road', count: 2 },
          { place: 'unknown', count: 5 },
        ],
        petitions: { count: 2, headcount: 45 },
      },
    });
  });

  it('nothing measured: every rate null, volumes zero', () => {
    expect(buildKpis(nothing)).toMatchObject({
      answerRate: null,
      abandonmentRate: null,
      averageSpeedOfAnswerSeconds: null,
      fourHavesCompliance: null,
      volumes: { total: 0, byCategory: {}, byPlace: [], petitions: { count: 0, headcount: 0 } },
    });
  });
});
