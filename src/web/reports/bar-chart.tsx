// A horizontal bar chart drawn on the server: one row per item, label, bar and count. Narrow
// enough (400 units) that its text stays readable when a phone shrinks it to the screen.

const WIDTH = 400;
const LABEL = 150;
const COUNT = 44;
const ROW = 28;
const BAR = 18;
const FONT = 14;

export interface Bar {
  key: string;
  label: string;
  value: number;
}

function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) >= 0x2e80 ? FONT : FONT * 0.58;
  return width;
}

/** A label cut to fit the label column, with an ellipsis; the table beside the chart has it whole. */
function clip(label: string, room: number): string {
  if (textWidth(label) <= room) return label;
  let cut = '';
  for (const char of label) {
    if (textWidth(`${cut}${char}…`) > room) break;
    cut += char;
  }
  return `${cut}…`;
}

/**
 * The chart, as an image with a name and a one-line description (`summary`); the page puts a table
 * of the same numbers beside it.
 */
export function BarChart({
  id,
  title,
  summary,
  bars,
}: {
  id: string;
  title: string;
  summary: string;
  bars: readonly Bar[];
}) {
  const most = Math.max(1, ...bars.map((bar) => bar.value));
  const room = WIDTH - LABEL - COUNT;
  const height = Math.max(1, bars.length) * ROW + 6;
  return (
    <svg
      class="bar-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      {bars.map((bar, index) => {
        const top = 3 + index * ROW;
        const length = bar.value === 0 ? 0 : Math.max(2, (bar.value / most) * room);
        return (
          <g key={bar.key}>
            <text x={LABEL - 8} y={top + BAR - 4} text-anchor="end" class="bar-label">
              {clip(bar.label, LABEL - 12)}
            </text>
            <rect x={LABEL} y={top} width={room} height={BAR} class="bar-track" />
            <rect x={LABEL} y={top} width={length} height={BAR} class="bar" />
            <text x={LABEL + length + 5} y={top + BAR - 4} class="bar-count">
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
