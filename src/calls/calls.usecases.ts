import type { CallOutcome } from './calls.models';
import type { CallsRepository } from './calls.repository';
import type { CallsView } from './calls.view';

export interface CallLogQuery {
  /** Stored-form instants (UTC ISO): calls by when they started, in [from, to). */
  from?: string;
  to?: string;
  outcome?: CallOutcome;
  limit: number;
  /** The `next` of the page before: calls older than it. */
  cursor?: number;
}

/** A page of the call log, newest first, each call with whom the hunt rang and who accepted. */
export async function listCallLog(
  { callsRepository, present }: { callsRepository: Pick<CallsRepository, 'list'>; present: CallsView },
  query: CallLogQuery,
) {
  const page = await callsRepository.list(query);
  return { items: await present(page.items), next: page.next };
}

export type CallLogPage = Awaited<ReturnType<typeof listCallLog>>;
export type CallLogRow = CallLogPage['items'][number];
