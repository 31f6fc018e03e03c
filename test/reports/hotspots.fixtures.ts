import type { Db } from '../../src/shared/db';

// A seeded February 2027 for the hotspot report, with every figure worked out by hand in the tests.
// Times are UTC; Shanghai is UTC+8, so February there is [2027-01-31T16:00Z, 2027-02-28T16:00Z) and
// the previous window of the same length is [2027-01-03T16:00Z, 2027-01-31T16:00Z). The test clock
// stands at 2027-03-01T02:00Z.

export const FEBRUARY = { from: '2027-02-01T00:00:00+08:00', to: '2027-03-01T00:00:00+08:00' };
/** January and February: long enough to hold a pair's three cases spread over 40 days. */
export const TWO_MONTHS = { from: '2027-01-01T00:00:00+08:00', to: '2027-03-01T00:00:00+08:00' };

interface HotspotCaseSeed {
  ref: string;
  placeId: string | null;
  category: string;
  status: 'received' | 'assigned' | 'acknowledged' | 'resolved' | 'closed' | 'reopened' | 'merged';
  created: string;
  /** The ref of the case it was merged into. */
  mergedInto?: string;
  /** The place as shown or typed; by default none. */
  place?: string;
}

export const HOTSPOT_CASES: HotspotCaseSeed[] = [
  // Dali Road sanitation: three in February within 26 days (a repeat), one in January; D4 was
  // merged into D2 and E1 arrived at February's (exclusive) end, so neither counts for February.
  {
    ref: '20270101',
    placeId: 'dali-road',
    category: 'sanitation',
    status: 'closed',
    created: '2027-01-20T02:00:00.000Z',
  },
  {
    ref: '20270201',
    placeId: 'dali-road',
    category: 'sanitation',
    status: 'resolved',
    created: '2027-02-02T02:00:00.000Z',
  },
  {
    ref: '20270202',
    placeId: 'dali-road',
    category: 'sanitation',
    status: 'received',
    created: '2027-02-16T02:00:00.000Z',
  },
  {
    ref: '20270203',
    placeId: 'dali-road',
    category: 'sanitation',
    status: 'assigned',
    created: '2027-02-28T15:00:00.000Z',
  },
  {
    ref: '20270204',
    placeId: 'dali-road',
    category: 'sanitation',
    status: 'merged',
    created: '2027-02-10T02:00:00.000Z',
    mergedInto: '20270202',
  },
  {
    ref: '20270301',
    placeId: 'dali-road',
    category: 'sanitation',
    status: 'received',
    created: '2027-02-28T16:00:00.000Z',
  },
  // Minzhu Road noise: three in January (10 days apart), two in February; and an old open roads case.
  {
    ref: '20270102',
    placeId: 'minzhu-road',
    category: 'noise',
    status: 'closed',
    created: '2027-01-05T02:00:00.000Z',
  },
  {
    ref: '20270103',
    placeId: 'minzhu-road',
    category: 'noise',
    status: 'closed',
    created: '2027-01-15T02:00:00.000Z',
  },
  {
    ref: '20270104',
    placeId: 'minzhu-road',
    category: 'noise',
    status: 'closed',
    created: '2027-01-25T02:00:00.000Z',
  },
  {
    ref: '20270205',
    placeId: 'minzhu-road',
    category: 'noise',
    status: 'closed',
    created: '2027-02-05T02:00:00.000Z',
  },
  {
    ref: '20270206',
    placeId: 'minzhu-road',
    category: 'noise',
    status: 'resolved',
    created: '2027-02-25T02:00:00.000Z',
  },
  {
    ref: '20261201',
    placeId: 'minzhu-road',
    category: 'roads',
    status: 'assigned',
    created: '2026-12-20T02:00:00.000Z',
  },
  // Xiangshan Road noise: three spread over 40 days (Jan 10, Feb 1 at 00:00 local, Feb 19).
  {
    ref: '20270105',
    placeId: 'xiangshan-road',
    category: 'noise',
    status: 'closed',
    created: '2027-01-10T02:00:00.000Z',
  },
  {
    ref: '20270207',
    placeId: 'xiangshan-road',
    category: 'noise',
    status: 'closed',
    created: '2027-01-31T16:00:00.000Z',
  },
  {
    ref: '20270208',
    placeId: 'xiangshan-road',
    category: 'noise',
    status: 'acknowledged',
    created: '2027-02-19T02:00:00.000Z',
  },
  // Yuquan Road water: new in February, reopened.
  {
    ref: '20270209',
    placeId: 'yuquan-road',
    category: 'water',
    status: 'reopened',
    created: '2027-02-12T02:00:00.000Z',
  },
  // Fuhui Road roads: one in each window.
  {
    ref: '20270106',
    placeId: 'fuhui-road',
    category: 'roads',
    status: 'closed',
    created: '2027-01-08T02:00:00.000Z',
  },
  {
    ref: '20270210',
    placeId: 'fuhui-road',
    category: 'roads',
    status: 'closed',
    created: '2027-02-08T02:00:00.000Z',
  },
  // Xi'an Road sanitation: January only.
  {
    ref: '20270107',
    placeId: 'xian-road',
    category: 'sanitation',
    status: 'closed',
    created: '2027-01-28T02:00:00.000Z',
  },
  // A place since taken out of the gazetteer keeps its id.
  {
    ref: '20270211',
    placeId: 'old-market',
    category: 'other',
    status: 'closed',
    created: '2027-02-14T02:00:00.000Z',
  },
  // No gazetteer place: two sanitation (one with a place typed as free text), one other.
  {
    ref: '20270212',
    placeId: null,
    place: 'near the bridge',
    category: 'sanitation',
    status: 'received',
    created: '2027-02-03T02:00:00.000Z',
  },
  {
    ref: '20270213',
    placeId: null,
    category: 'other',
    status: 'received',
    created: '2027-02-04T02:00:00.000Z',
  },
  {
    ref: '20270214',
    placeId: null,
    category: 'sanitation',
    status: 'closed',
    created: '2027-02-06T02:00:00.000Z',
  },
];

export async function seedHotspotCases(db: Db): Promise<void> {
  const ids = new Map<string, number>();
  // Survivors first, so a merged case can point at its survivor's id.
  const ordered = [...HOTSPOT_CASES].sort((a, b) => Number(!!a.mergedInto) - Number(!!b.mergedInto));
  for (const seed of ordered) {
    const row = await db
      .insertInto('cases')
      .values({
        ref: seed.ref,
        status: seed.status,
        channel: 'sms',
        phone: '+8613912345678',
        language: 'en',
        category: seed.category,
        priority: 'normal',
        description: `case ${seed.ref}`,
        on_duty: '{}',
        place: seed.place ?? seed.placeId,
        place_id: seed.placeId,
        merged_into: seed.mergedInto ? ids.get(seed.mergedInto)! : null,
        created_at: seed.created,
        updated_at: seed.created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(seed.ref, row.id);
  }
}

const place = (id: string, zh: string, en: string) => ({ id, name: { 'zh-CN': zh, en } });
export const PLACES = {
  dali: place('dali-road', '大理路', 'Dali Road'),
  minzhu: place('minzhu-road', '民主路', 'Minzhu Road'),
  xiangshan: place('xiangshan-road', '象山路', 'Xiangshan Road'),
  yuquan: place('yuquan-road', '玉泉路', 'Yuquan Road'),
  fuhui: place('fuhui-road', '福慧路', 'Fuhui Road'),
  xian: place('xian-road', '西安路', "Xi'an Road"),
  oldMarket: place('old-market', 'old-market', 'old-market'),
};
