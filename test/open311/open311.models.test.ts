import { buildPlaces } from '../../src/content/places';
import {
  caseStatusesFor,
  type PublicCase,
  presentServiceRequest,
  resolveLocation,
  resolveRequestWindow,
  splitCommaList,
  toOpen311Status,
} from '../../src/open311/open311.models';

const places = buildPlaces([
  {
    id: 'dali-road',
    name: { 'zh-CN': '大理路', en: 'Dali Road' },
    aliases: ['Dali Rd'],
    district: '古城区',
    kind: 'street',
  },
]);

describe('Open311 status', () => {
  it('a case is open while worked on, closed once it has a result or joined another', () => {
    expect(caseStatusesFor(['open'])).toEqual(['received', 'assigned', 'acknowledged', 'reopened']);
    expect(caseStatusesFor(['closed'])).toEqual(['resolved', 'closed', 'merged']);
    expect(toOpen311Status('reopened')).toBe('open');
  });
});

describe('the requested_datetime window of GET requests', () => {
  const now = new Date('2027-06-01T00:00:00Z');
  const day = 86_400_000;

  it('defaults to the last 90 days; one end given reaches 90 days from it', () => {
    expect(resolveRequestWindow(undefined, undefined, now)).toEqual({
      from: new Date(now.getTime() - 90 * day),
      to: now,
    });
    const start = new Date('2027-01-01T00:00:00Z');
    expect(resolveRequestWindow(start, undefined, now)).toEqual({
      from: start,
      to: new Date(start.getTime() + 90 * day),
    });
    expect(resolveRequestWindow(undefined, start, now)).toEqual({
      from: new Date(start.getTime() - 90 * day),
      to: start,
    });
  });

  it('exactly 90 days is allowed; a minute more, or an end before the start, is refused', () => {
    const start = new Date('2027-01-01T00:00:00Z');
    expect(resolveRequestWindow(start, new Date(start.getTime() + 90 * day), now)).not.toHaveProperty(
      'problem',
    );
    expect(resolveRequestWindow(start, new Date(start.getTime() + 90 * day + 60_000), now)).toEqual({
      problem: 'end_date: the range may span at most 90 days',
    });
    expect(resolveRequestWindow(start, new Date(start.getTime() - 1), now)).toEqual({
      problem: 'end_date: must not be before start_date',
    });
  });
});

it('a comma list may also be repeated, and blanks drop out', () => {
  expect(splitCommaList(undefined)).toEqual([]);
  expect(splitCommaList('noise, roads,,')).toEqual(['noise', 'roads']);
  expect(splitCommaList(['noise', 'water,other'])).toEqual(['noise', 'water', 'other']);
});

describe('where a request is about', () => {
  it('an address_string naming a gazetteer place anywhere, in any width, is that place', () => {
    expect(resolveLocation({ addressString: 'No. 3, ＤＡＬＩ ＲＤ, Gucheng' }, places)).toEqual({
      placeId: 'dali-road',
      unmatched: null,
    });
  });

  it('an address_string the gazetteer does not know is kept for triage; coordinates alone give no place', () => {
    expect(resolveLocation({ addressString: 'Behind the school' }, places)).toEqual({
      placeId: null,
      unmatched: 'Behind the school',
    });
    expect(resolveLocation({ lat: 25.6, long: 100.2 }, places)).toEqual({ placeId: null, unmatched: null });
  });

  it('an address_id must be a gazetteer id, and wins over the address_string', () => {
    expect(resolveLocation({ addressId: 'dali-road', addressString: 'somewhere else' }, places)).toEqual({
      placeId: 'dali-road',
      unmatched: null,
    });
    expect(resolveLocation({ addressId: 'nowhere' }, places)).toEqual({
      problem: 'address_id: nowhere is not a place of this hotline',
    });
  });

  it('no location, or half a coordinate, is refused', () => {
    expect(resolveLocation({}, places)).toHaveProperty('problem');
    expect(resolveLocation({ long: 100.2, addressId: 'dali-road' }, places)).toEqual({
      problem: 'lat and long must be sent together',
    });
  });
});

describe('a case as a public service request', () => {
  const base: PublicCase = {
    ref: '12345678',
    status: 'assigned',
    category: 'sanitation',
    placeId: null,
    result: null,
    mergedIntoRef: null,
    dueAt: '2027-03-04T02:00:00.000Z',
    resolvedAt: null,
    createdAt: '2027-03-01T02:00:00.000Z',
    updatedAt: '2027-03-01T03:00:00.000Z',
  };
  const context = {
    serviceName: () => 'Sanitation',
    placeName: (id: string) => places.name(id, 'en'),
    formatTime: (iso: string) => iso,
    agency: undefined,
  };

  it('an open case has no status notes, even with a result from before it reopened', () => {
    const shown = presentServiceRequest({ ...base, status: 'reopened', result: 'Cleaned' }, context);
    expect(shown).not.toHaveProperty('status_notes');
    expect(shown).toMatchObject({ status: 'open', expected_datetime: base.dueAt });
  });

  it('a resolved case is closed, with its result as the notes and its resolution time as updated', () => {
    const shown = presentServiceRequest(
      {
        ...base,
        status: 'resolved',
        result: 'Cleaned',
        resolvedAt: '2027-03-01T05:00:00.000Z',
        updatedAt: '2027-03-02T00:00:00.000Z',
      },
      context,
    );
    expect(shown).toMatchObject({
      status: 'closed',
      status_notes: 'Cleaned',
      updated_datetime: '2027-03-01T05:00:00.000Z',
    });
  });

  it('a merged case is closed as a duplicate of the case it joined', () => {
    expect(
      presentServiceRequest({ ...base, status: 'merged', mergedIntoRef: '87654321' }, context),
    ).toMatchObject({
      status: 'closed',
      status_notes: 'Duplicate request: see 87654321.',
    });
  });

  it('only a gazetteer place is an address; a case without one has none', () => {
    expect(presentServiceRequest({ ...base, placeId: 'dali-road' }, context)).toMatchObject({
      address: 'Dali Road',
      address_id: 'dali-road',
    });
    expect(presentServiceRequest(base, context)).not.toHaveProperty('address');
  });
});
