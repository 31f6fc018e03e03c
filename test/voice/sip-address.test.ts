import { hotlineCountryOf, readCallAddress } from '../../src/voice/sip-address';

// A call over the bureau's BYOC trunk names its parties the way the carrier's SBC wrote them.

describe('a caller address from a BYOC trunk, read as the E.164 number the hotline keys everything on', () => {
  it.each([
    ['an international SIP URI', 'sip:+8613812345678@dutyline.pstn.twilio.com'],
    [
      'digits with the country code but no plus, on an IP host with a port',
      'sip:8613812345678@203.0.113.5:5060;user=phone',
    ],
    ['the national form with the trunk prefix 0', 'sip:013812345678@203.0.113.5'],
    ['the national form without a prefix', 'sip:13812345678@sbc.bureau.example.cn'],
    ['a SIP URI in angle brackets', '<sip:+8613812345678@dutyline.pstn.twilio.com>'],
    ['a display name and angle brackets', '"Zhang San" <sip:+8613812345678@203.0.113.5;transport=udp>'],
    ['a secure SIP URI', 'sips:+8613812345678@dutyline.pstn.twilio.com'],
    ['user parameters inside the user part', 'sip:+8613812345678;npdi;rn=+8613800@203.0.113.5'],
    ['an escaped plus', 'sip:%2B8613812345678@203.0.113.5'],
    ['a tel URI with separators', 'tel:+86-138-1234-5678'],
    ['the international prefix 00', 'sip:008613812345678@203.0.113.5'],
  ])('%s: %s', (_form, address) => {
    expect(readCallAddress(address, 'CN')).toBe('+8613812345678');
  });

  it('reads a Beijing landline in national form as +8610…', () => {
    expect(readCallAddress('sip:01062345678@203.0.113.5:5060', 'CN')).toBe('+861062345678');
  });

  it('reads an international SIP number without knowing the hotline country', () => {
    expect(readCallAddress('sip:+8613812345678@dutyline.pstn.twilio.com', undefined)).toBe('+8613812345678');
  });

  it('leaves what Twilio already sends (E.164, withheld words) exactly as it came', () => {
    expect(readCallAddress('+8613812345678', 'CN')).toBe('+8613812345678');
    expect(readCallAddress('Anonymous', 'CN')).toBe('Anonymous');
    expect(readCallAddress('', 'CN')).toBe('');
    expect(readCallAddress('013812345678', 'CN')).toBe('013812345678');
  });

  it.each([
    ['an anonymous SIP caller', 'sip:anonymous@anonymous.invalid'],
    ['a SIP URI with no user part', 'sip:203.0.113.5:5060'],
    ['a SIP user name that is not a number', 'sip:alice@bureau.example.cn'],
    ['too few digits', 'sip:12@203.0.113.5'],
    ['far too many digits', `sip:+86${'1'.repeat(30)}@203.0.113.5`],
    ['a broken escape', 'sip:%E0%A4%A@203.0.113.5'],
    ['an unclosed bracket', '<sip:+86138'],
    ['a bare scheme', 'sip:'],
  ])('keeps %s as it came, so the call takes the unknown-caller path', (_form, address) => {
    expect(readCallAddress(address, 'CN')).toBe(address);
  });

  it('a national number without a plus cannot be read when the hotline country is unknown', () => {
    expect(readCallAddress('sip:013812345678@203.0.113.5', undefined)).toBe('sip:013812345678@203.0.113.5');
  });
});

describe("the hotline's country, in which a SIP address's national number is read", () => {
  it('is China in the cn region, whatever the number', () => {
    expect(hotlineCountryOf({ region: 'cn', hotlineNumber: undefined })).toBe('CN');
    expect(hotlineCountryOf({ region: 'cn', hotlineNumber: '+14155550100' })).toBe('CN');
  });

  it("is the hotline number's country elsewhere", () => {
    expect(hotlineCountryOf({ region: 'default', hotlineNumber: '+85221234567' })).toBe('HK');
    expect(hotlineCountryOf({ region: 'default', hotlineNumber: '+8610012345' })).toBe('CN');
  });

  it('is unknown without a hotline number', () => {
    expect(hotlineCountryOf({ region: 'default', hotlineNumber: undefined })).toBeUndefined();
  });
});
