import { generateReference, isValidReference } from '../../src/cases/case-reference';

describe('case references', () => {
  const sequence = (values: number[]) => {
    let index = 0;
    return () => values[index++ % values.length];
  };

  it('are 8 digits with no leading zero and a valid check digit', () => {
    const ref = generateReference(sequence([0]));
    expect(ref).toMatch(/^1000000\d$/);
    expect(isValidReference(ref)).toBe(true);
    for (let i = 0; i < 200; i += 1) {
      const random = generateReference((max) => Math.floor(Math.random() * max));
      expect(random).toMatch(/^[1-9]\d{7}$/);
      expect(isValidReference(random)).toBe(true);
    }
  });

  it('catch every single mistyped digit', () => {
    const ref = generateReference(sequence([4_567_890]));
    for (let position = 0; position < 8; position += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        if (String(digit) === ref[position]) continue;
        const typo = ref.slice(0, position) + digit + ref.slice(position + 1);
        expect(isValidReference(typo)).toBe(false);
      }
    }
  });

  it('catch every swap of two neighbouring digits', () => {
    const ref = generateReference(sequence([1_234_567]));
    for (let position = 0; position < 7; position += 1) {
      if (ref[position] === ref[position + 1]) continue;
      const swapped = ref.slice(0, position) + ref[position + 1] + ref[position] + ref.slice(position + 2);
      expect(isValidReference(swapped)).toBe(false);
    }
  });

  it('reject anything that is not 8 digits', () => {
    expect(isValidReference('1234567')).toBe(false);
    expect(isValidReference('abcdefgh')).toBe(false);
    expect(isValidReference('012345678')).toBe(false);
  });
});
