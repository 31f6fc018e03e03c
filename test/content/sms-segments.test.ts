import { measureSms } from '../../src/content/sms-segments';

describe('how many SMS segments a text takes', () => {
  it.each([
    ['', 'GSM-7', 0, 0],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    // é and ñ are in the GSM basic table; ê is not, and makes the whole text UCS-2.
    [`${'a'.repeat(159)}é`, 'GSM-7', 160, 1],
    [`${'a'.repeat(100)}ê`, 'UCS-2', 101, 2],
    ['字'.repeat(70), 'UCS-2', 70, 1],
    ['字'.repeat(71), 'UCS-2', 71, 2],
    ['字'.repeat(134), 'UCS-2', 134, 2],
    ['字'.repeat(135), 'UCS-2', 135, 3],
    ['字'.repeat(536), 'UCS-2', 536, 8],
    ['字'.repeat(537), 'UCS-2', 537, 9],
  ])('%j is %s, %i units, %i segments', (text, encoding, length, segments) => {
    expect(measureSms(text)).toEqual({ encoding, length, segments });
  });

  it('a GSM-7 extension character (€ { } [ ] ~ | ^ \\) takes two septets', () => {
    expect(measureSms(`${'a'.repeat(158)}€`).segments).toBe(1);
    expect(measureSms(`${'a'.repeat(159)}€`)).toEqual({ encoding: 'GSM-7', length: 160, segments: 2 });
    expect(measureSms('{'.repeat(80))).toEqual({ encoding: 'GSM-7', length: 80, segments: 1 });
    expect(measureSms('{'.repeat(81))).toEqual({ encoding: 'GSM-7', length: 81, segments: 2 });
  });

  it('an emoji is two UTF-16 units of a UCS-2 segment', () => {
    expect(measureSms('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', length: 70, segments: 1 });
    expect(measureSms('😀'.repeat(36))).toEqual({ encoding: 'UCS-2', length: 72, segments: 2 });
  });
});
