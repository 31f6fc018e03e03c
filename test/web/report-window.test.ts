import { h } from 'preact';
import { render } from 'preact-render-to-string';
import type { DutyGapReport } from '../../src/reports/duty-gaps.render';
import { commonMessages } from '../../src/web/i18n/common.i18n';
import { DutyTimeline } from '../../src/web/reports/duty-gaps/duty-gaps.timeline';
import { readReportWindow, runForWindow, windowQuery } from '../../src/web/reports/report-window';
import type { PageContext } from '../../src/web/web.context';

const ZONE = 'Asia/Shanghai';
const defaults = { from: new Date('2027-02-22T02:00:00Z'), to: new Date('2027-03-08T02:00:00Z') };

describe('a report window read from a page query', () => {
  it('reads datetime-local values as wall-clock times in the hotline zone', () => {
    const window = readReportWindow({ from: '2027-03-01T08:00', to: '2027-03-04T08:00' }, ZONE, defaults);
    expect(window).toEqual({
      input: { from: '2027-03-01T08:00', to: '2027-03-04T08:00' },
      from: new Date('2027-03-01T00:00:00Z'),
      to: new Date('2027-03-04T00:00:00Z'),
      unreadable: false,
    });
  });

  it('reads an ISO time with its own offset as that instant', () => {
    const window = readReportWindow({ from: '2027-03-01T08:00:00Z' }, ZONE, defaults);
    expect(window.from).toEqual(new Date('2027-03-01T08:00:00Z'));
    expect(window.to).toEqual(defaults.to);
    // The field shows it as the hotline's wall clock, which a datetime-local field can hold.
    expect(window.input).toEqual({ from: '2027-03-01T16:00', to: '2027-03-08T10:00' });
  });

  it('falls back to the defaults for blank fields, and shows them in the form', () => {
    const window = readReportWindow({ from: ' ', to: '' }, ZONE, defaults);
    expect(window.input).toEqual({ from: '2027-02-22T10:00', to: '2027-03-08T10:00' });
    expect(windowQuery(window, { outcome: 'missed', cursor: undefined })).toBe(
      'from=2027-02-22T10%3A00&to=2027-03-08T10%3A00&outcome=missed',
    );
  });

  it('leaves an open end open where the page allows one', () => {
    const window = readReportWindow({}, ZONE, { from: defaults.from, to: null });
    expect(window.to).toBeNull();
    expect(window.input.to).toBe('');
    expect(windowQuery(window)).toBe('from=2027-02-22T10%3A00');
  });

  it('marks a time it cannot read, and the use case is then not asked', async () => {
    for (const query of [{ from: 'yesterday' }, { to: '2027-13-01T00:00' }, { from: ['a', 'b'] }]) {
      const window = readReportWindow(query, ZONE, defaults);
      // An array (?from=a&from=b) is no time at all: the defaults stand, and nothing is refused.
      if (Array.isArray(query.from)) {
        expect(window.unreadable).toBe(false);
        continue;
      }
      expect(window.unreadable).toBe(true);
      const build = jest.fn();
      await expect(runForWindow(window, build)).resolves.toEqual({ result: null, problem: 'unreadable' });
      expect(build).not.toHaveBeenCalled();
    }
  });
});

describe('the duty timeline', () => {
  const context = {
    language: 'en',
    zone: ZONE,
    t: commonMessages('en'),
  } as unknown as PageContext;
  const emptyReport = (from: Date, to: Date) =>
    ({
      from: from.toISOString(),
      to: to.toISOString(),
      coverage: { percent: null },
      gaps: [],
      noBackup: [],
      absences: [],
      slots: [],
    }) as unknown as DutyGapReport;
  const draw = (from: Date, to: Date) =>
    render(
      h(DutyTimeline, { context, input: { from, to, now: from, shifts: [], report: emptyReport(from, to) } }),
    );

  it('thins its day ticks on a long window so the labels never crowd', () => {
    const from = new Date('2027-01-01T00:00:00+08:00');
    const svg = draw(from, new Date('2028-01-01T00:00:00+08:00'));
    const days = [...svg.matchAll(/class="tl-day">([^<]+)</g)].map((match) => match[1]);
    expect(days.length).toBeLessThanOrEqual(16);
    expect(days[0]).toBe('1 Jan');
    expect(svg).not.toContain('class="tl-hour"');
  });

  it('ticks whole days at midnight in the hotline zone, with hours on a short window', () => {
    const svg = draw(new Date('2027-03-01T06:00:00+08:00'), new Date('2027-03-02T18:00:00+08:00'));
    expect([...svg.matchAll(/class="tl-day">([^<]+)</g)].map((match) => match[1])).toEqual(['Tue 2 Mar']);
    expect([...svg.matchAll(/class="tl-hour">([^<]+)</g)].map((match) => match[1])).toEqual([
      '06:00',
      '12:00',
      '18:00',
      '00:00',
      '06:00',
      '12:00',
    ]);
  });
});
