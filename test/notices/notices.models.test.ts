import { formatSlot } from '../../src/notices/notices.format';
import { gapNoticeKey, listRefs, summaryDateDue, uniqueRecipients } from '../../src/notices/notices.models';
import type { Gap } from '../../src/roster/roster.coverage';

describe('notice keys and texts', () => {
  const gap: Gap = {
    position: 'primary',
    from: new Date('2027-03-02T00:00:00Z'),
    to: new Date('2027-03-02T06:00:00Z'),
    cause: 'absence_without_cover',
    overrideId: 4,
    staffId: 7,
  };

  it('keys a gap by position, cause, absence and start, not by its end', () => {
    expect(gapNoticeKey(gap)).toBe('gap:primary:absence_without_cover:4:2027-03-02T00:00:00.000Z');
    expect(gapNoticeKey({ ...gap, to: new Date('2027-03-02T09:00:00Z') })).toBe(gapNoticeKey(gap));
    expect(gapNoticeKey({ ...gap, cause: 'no_rotation', overrideId: null })).toBe(
      'gap:primary:no_rotation:-:2027-03-02T00:00:00.000Z',
    );
    // A start cut by the search window is no real start; the key must not move with the window.
    expect(gapNoticeKey(gap, new Date('2027-03-02T00:00:00Z'))).toBe(
      'gap:primary:absence_without_cover:4:ongoing',
    );
  });

  it('the summary is due from its local time on, for that local date', () => {
    expect(summaryDateDue(new Date('2027-03-01T23:59:00Z'), 'Asia/Shanghai', '08:00')).toBeNull();
    expect(summaryDateDue(new Date('2027-03-02T00:00:00Z'), 'Asia/Shanghai', '08:00')).toBe('2027-03-02');
    expect(summaryDateDue(new Date('2027-03-02T15:59:00Z'), 'Asia/Shanghai', '08:00')).toBe('2027-03-02');
    // New York springs forward on 14 March 2027: 08:00 is then 12:00Z, not 13:00Z.
    expect(summaryDateDue(new Date('2027-03-14T12:00:00Z'), 'America/New_York', '08:00')).toBe('2027-03-14');
    expect(summaryDateDue(new Date('2027-03-13T12:59:00Z'), 'America/New_York', '08:00')).toBeNull();
  });

  it('shows times local, with the date again only when the slot ends on another day', () => {
    const from = new Date('2027-03-01T02:00:00Z');
    expect(formatSlot(from, new Date('2027-03-02T00:00:00Z'), 'Asia/Shanghai', 'en')).toBe(
      '1 Mar 10:00–2 Mar 08:00',
    );
    expect(formatSlot(from, new Date('2027-03-01T12:00:00Z'), 'Asia/Shanghai', 'en')).toBe(
      '1 Mar 10:00–20:00',
    );
    expect(formatSlot(from, new Date('2027-03-02T00:00:00Z'), 'Asia/Shanghai', 'zh-CN')).toBe(
      '3月1日10:00–3月2日08:00',
    );
  });

  it('caps a list of refs and counts the rest; recipients come once each', () => {
    expect(listRefs(['11111111', '22222222'], 2)).toBe('11111111 22222222');
    expect(listRefs(['11111111', '22222222'], 5)).toBe('11111111 22222222 +3');
    expect(uniqueRecipients([3, null, 5, 3, 7], [7])).toEqual([3, 5]);
  });
});
