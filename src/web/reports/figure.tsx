/** One figure of a report as a card: the number, what it is, and how it is counted. */
export function Figure({
  value,
  label,
  hint,
  tone,
  measured = true,
}: {
  value: string | number;
  label: string;
  hint?: string;
  /** A figure that needs attention gets a red edge; its label already says what it counts. */
  tone?: 'bad';
  /** False when there was nothing to measure: `value` then says so in words, set smaller. */
  measured?: boolean;
}) {
  return (
    <div class={tone ? `card card-${tone}` : 'card'}>
      <div class={measured ? 'figure' : 'figure figure-none'}>{value}</div>
      <div class="figure-label">{label}</div>
      {hint ? <div class="hint">{hint}</div> : null}
    </div>
  );
}
