import path from 'node:path';
import { loadPlaces } from '../../src/content/places';
import type { Place } from '../../src/places/places.models';
import { buildPlaceHints } from '../../src/voice/speech-hints';

const place = (id: string, zh: string, en: string, aliases: string[] = []): Place => ({
  id,
  name: { 'zh-CN': zh, en },
  aliases,
  district: '古城区',
  kind: 'street',
});

describe("the street question's speech hints", () => {
  const gazetteer = loadPlaces(path.resolve(__dirname, '../../flows'));

  it("a Mandarin caller's recogniser hears the gazetteer's Chinese names and aliases, names first", () => {
    const hints = buildPlaceHints(gazetteer.list, 'zh-CN').split(',');
    expect(hints.slice(0, 3)).toEqual(['大理路', '民主路', '福慧路']);
    expect(hints).toEqual(expect.arrayContaining(['东关街', '香格里拉大道', '香格里拉路']));
    expect(hints.filter((hint) => /[a-z]/i.test(hint))).toEqual([]);
  });

  it("an English caller's hears the English names and the pinyin aliases, and no Chinese", () => {
    const hints = buildPlaceHints(gazetteer.list, 'en').split(',');
    expect(hints.slice(0, 2)).toEqual(['Dali Road', 'Minzhu Road']);
    expect(hints).toEqual(expect.arrayContaining(["Xi'an Road", 'Dali Lu', 'Dongguan Jie']));
    expect(hints.filter((hint) => /\p{Script=Han}/u.test(hint))).toEqual([]);
  });

  it("keeps within Twilio's limits: no comma inside a hint, none over 100 characters, at most 500", () => {
    const many = Array.from({ length: 600 }, (_, i) => place(`p${i}`, `第${i}路`, `Road ${i}`));
    const odd = place('odd', '一，二、三路', 'One, Two Road', ['x'.repeat(101)]);
    const hints = buildPlaceHints([odd, ...many], 'en').split(',');

    expect(hints).toHaveLength(500);
    expect(hints[0]).toBe('One Two Road');
    expect(hints.every((hint) => hint.length <= 100)).toBe(true);
    expect(buildPlaceHints([odd], 'zh-CN')).toBe('一 二 三路');
  });

  it('a name that is also another place’s alias is hinted once', () => {
    const twice = [place('a', '大理路', 'Dali Road'), place('b', '大理路口', 'Dali Road', ['Dali Road'])];
    expect(buildPlaceHints(twice, 'en')).toBe('Dali Road');
  });
});
