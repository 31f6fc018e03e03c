/** A member becoming active (added, or reactivated) or inactive at an instant. */
export interface StatusChange {
  staffId: number;
  active: boolean;
  at: string;
}

/** [from, to) in which a member was inactive; `to` is null while they still are. */
export interface InactiveSpan {
  staffId: number;
  from: string;
  to: string | null;
}

/**
 * The spans in which each member was inactive, from their status changes in any order. Before a
 * member's first change they count as active: a cover recorded for a day before they were added
 * still happened.
 */
export function toInactiveSpans(changes: readonly StatusChange[]): InactiveSpan[] {
  const ordered = [...changes].sort((a, b) => a.staffId - b.staffId || Date.parse(a.at) - Date.parse(b.at));
  const spans: InactiveSpan[] = [];
  let open: InactiveSpan | null = null;
  for (const change of ordered) {
    if (open && open.staffId !== change.staffId) open = null;
    if (!change.active && !open) {
      open = { staffId: change.staffId, from: change.at, to: null };
      spans.push(open);
    } else if (change.active && open) {
      open.to = change.at;
      open = null;
    }
  }
  return spans;
}
