import { buildPlaceMatcher, normalizePlaceText, type Place } from '../../src/places/places.models';

function place(id: string, zh: string, en: string, aliases: string[] = []): Place {
  return { id, name: { 'zh-CN': zh, en }, aliases, district: '古城区', kind: 'street' };
}

const gazetteer = [
  place('dali-road', '大理路', 'Dali Road', ['Dali Rd']),
  place('minzhu-road', '民主路', 'Minzhu Road'),
  place('xian-road', '西安路', "Xi'an Road", ['Xian Road']),
  place('dali-road-market', '大理路菜市场', 'Dali Road Market', ['大理路市场']),
  place('dongguan-street', '东关街', 'Dongguan Street', ['Dongguan St']),
];
const matcher = buildPlaceMatcher(gazetteer);
const matchId = (text: string) => matcher.match(text)?.id;

describe('normalising a text for place names', () => {
  it.each([
    ['Ｄａｌｉ　Ｒｏａｄ', 'dali road'],
    ['  DALI \t  road ', 'dali road'],
    ['大理 路', '大理路'],
    ['dali road旁', 'dali road旁'],
    ['Xi’an Road', "xi'an road"],
    ['１２号，东关街！', '12号,东关街!'],
  ])('%j reads as %j', (text, normalized) => {
    expect(normalizePlaceText(text)).toBe(normalized);
  });
});

describe('which place a citizen names', () => {
  it.each([
    ['大理路口垃圾桶满了', 'dali-road'],
    ['东关街垃圾桶满了', 'dongguan-street'],
    ['the bins on dali  road', 'dali-road'],
    ['THE BINS ON DALI ROAD', 'dali-road'],
    ['Ｄａｌｉ Ｒｏａｄ的垃圾桶', 'dali-road'],
    ['ｄａｌｉ　ｒｄ rubbish', 'dali-road'],
    ['大 理 路 有垃圾', 'dali-road'],
    ['Rubbish near Xi’an Road', 'xian-road'],
    ['Rubbish near xian road.', 'xian-road'],
    ['Dongguan St, by the school', 'dongguan-street'],
  ])('%j names %s', (text, id) => {
    expect(matchId(text)).toBe(id);
  });

  it('the longest name wins: 大理路菜市场 is the market, not the road it is on', () => {
    expect(matchId('大理路菜市场门口污水横流')).toBe('dali-road-market');
    expect(matchId('Dali Road Market smells')).toBe('dali-road-market');
    expect(matchId('大理路市场')).toBe('dali-road-market');
  });

  it('of two places named, the first in the text wins, whatever the gazetteer order', () => {
    expect(matchId('民主路口的垃圾，靠近大理路')).toBe('minzhu-road');
    expect(matchId('大理路口的垃圾，靠近民主路')).toBe('dali-road');
    expect(buildPlaceMatcher([...gazetteer].reverse()).match('大理路口的垃圾，靠近民主路')?.id).toBe(
      'dali-road',
    );
    // The longer name is still one place when a shorter one comes first elsewhere in the text.
    expect(matchId('民主路和大理路菜市场')).toBe('minzhu-road');
    expect(matchId('大理路菜市场和民主路')).toBe('dali-road-market');
  });

  it('an English alias is a whole word or words, never part of another word', () => {
    expect(matchId('abdali road')).toBeUndefined();
    expect(matchId('dali roads')).toBeUndefined();
    expect(matchId('dali road2')).toBeUndefined();
    expect(matchId('dali road, near the bridge')).toBe('dali-road');
  });

  it('a text naming no place, or an empty gazetteer, matches nothing', () => {
    expect(matchId('The street lamp on Jiefang Road is out')).toBeUndefined();
    expect(matchId('')).toBeUndefined();
    expect(buildPlaceMatcher([]).match('大理路口垃圾桶满了')).toBeUndefined();
  });

  it('looks a place up by one whole name or alias, in any width or case', () => {
    expect(matcher.lookup(' DALI  RD ')?.id).toBe('dali-road');
    expect(matcher.lookup('Ｄｏｎｇｇｕａｎ Ｓｔｒｅｅｔ')?.id).toBe('dongguan-street');
    expect(matcher.lookup('大理路口')).toBeUndefined();
  });

  it('finds the one place a long text names among a thousand', () => {
    const many = Array.from({ length: 1000 }, (_, index) =>
      place(`street-${index}`, `第${index}号路`, `Street ${index} Road`, [`St ${index} Rd`]),
    );
    const big = buildPlaceMatcher([...many, ...gazetteer]);
    expect(big.match(`${'垃圾满了，没人清理。'.repeat(30)}东关街`)?.id).toBe('dongguan-street');
    expect(big.match('rubbish on street 999 road')?.id).toBe('street-999');
    // "Street 99 Road" is not inside "Street 999 Road".
    expect(big.match('rubbish on street 99 road')?.id).toBe('street-99');
  });
});
