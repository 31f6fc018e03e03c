import { findLink } from '../../src/content/sms-links';

describe('what a phone would show as a link in a text', () => {
  it.each([
    ['Details: http://12345.example.cn/case?id=1.', 'http://12345.example.cn/case?id=1'],
    ['HTTPS://EXAMPLE.ORG', 'HTTPS://EXAMPLE.ORG'],
    ['see www.example.org today', 'www.example.org'],
    ['查询请访问gov.cn', 'gov.cn'],
    ['go to example.com/x', 'example.com/x'],
    ['write to help@12345.gov.cn', '12345.gov.cn'],
    ['an unknown top-level domain with a path: example.museum/x', 'example.museum/x'],
    ['short links: bit.ly/abc', 'bit.ly/abc'],
    ['an address: 10.0.0.1/status', '10.0.0.1/status'],
    ['全角：ｇｏｖ．ｃｎ', 'ｇｏｖ．ｃｎ'],
    ['句号：gov。cn/x', 'gov。cn/x'],
    ['(see example.com)', 'example.com'],
  ])('finds the link in %j', (text, link) => {
    expect(findLink(text)).toBe(link);
  });

  it.each([
    'Sign in at /console/my to see your cases.',
    '请登录值班工作台 /console/my 处理。',
    'Case 12345678. Reply ACK 12345678',
    'e.g. a broken lamp on Shangri-La Ave.',
    'Open311 case from 24h hotline',
    'version 1.2 of the rules',
    '案件12345674已办结。感谢评价。',
    'Dutyline console code: 123456. It expires in 10 minutes.',
  ])('finds no link in %j', (text) => {
    expect(findLink(text)).toBeNull();
  });
});
