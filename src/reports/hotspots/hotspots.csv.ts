import { stringify } from 'csv-stringify/sync';
import type { HotspotReport } from './hotspots.models';

export const HOTSPOT_CSV_COLUMNS = [
  'place_id',
  'place_zh_cn',
  'place_en',
  'category',
  'count',
  'previous_count',
  'change',
  'trend',
  'repeat',
  'repeat_count',
  'repeat_refs',
] as const;

type Column = (typeof HOTSPOT_CSV_COLUMNS)[number];
type Row = Record<Column, string | number | null>;

/** One row per hotspot, in the report's order; a repeat's densest 30 days ride on its pair's row. */
export function toHotspotRows(report: HotspotReport): Row[] {
  const repeats = new Map(
    report.repeats.map((repeat) => [`${repeat.place.id}\u0000${repeat.category}`, repeat]),
  );
  return report.hotspots.map((hotspot) => {
    const repeat = hotspot.place ? repeats.get(`${hotspot.place.id}\u0000${hotspot.category}`) : undefined;
    return {
      // No place: empty cells, the rows triage still has to place.
      place_id: hotspot.place?.id ?? null,
      place_zh_cn: hotspot.place?.name['zh-CN'] ?? null,
      place_en: hotspot.place?.name.en ?? null,
      category: hotspot.category,
      count: hotspot.count,
      previous_count: hotspot.previousCount,
      change: hotspot.change,
      trend: hotspot.trend,
      repeat: String(hotspot.repeat),
      repeat_count: repeat?.count ?? null,
      repeat_refs: repeat?.refs.join(';') ?? null,
    };
  });
}

export function renderHotspotCsv(report: HotspotReport): string {
  return stringify(toHotspotRows(report), {
    header: true,
    columns: [...HOTSPOT_CSV_COLUMNS],
    cast: { number: (value) => String(value) },
    // Place names come from an editable file; a leading `=` must not run as a spreadsheet formula.
    escape_formulas: true,
  });
}
