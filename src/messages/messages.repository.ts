import type { Db } from '../shared/db';

export type Direction = 'in' | 'out';

export interface MessageLogEntry {
  direction: Direction;
  id: number;
  at: string;
  from: string | null;
  to: string;
  body: string;
  /** Outgoing: the outbox status. Incoming: what the hotline made of it (complaint, status, …). */
  status: string;
  purpose: string | null;
  errorCode: string | null;
  caseRef: string | null;
}

/** A position in the newest-first listing: time, then outgoing before incoming, then id. */
export interface MessageCursor {
  at: string;
  direction: Direction;
  id: number;
}

export interface MessageLogFilters {
  direction?: Direction;
  status?: string;
  to?: string;
  from?: string;
  limit: number;
  cursor?: MessageCursor;
}

/** Texts in (the inbox) and out (the outbox) as one log, newest first. */
export function createMessageLogRepository({ db }: { db: Db }) {
  async function outgoing(filters: MessageLogFilters): Promise<MessageLogEntry[]> {
    const { cursor } = filters;
    let query = db
      .selectFrom('outbox')
      .leftJoin('cases', 'cases.id', 'outbox.case_id')
      .select([
        'outbox.id',
        'outbox.created_at as at',
        'outbox.to_phone as to',
        'outbox.body',
        'outbox.status',
        'outbox.purpose',
        'outbox.error_code as errorCode',
        'cases.ref as caseRef',
      ]);
    if (filters.status) query = query.where('outbox.status', '=', filters.status);
    if (filters.to) query = query.where('outbox.to_phone', '=', filters.to);
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('outbox.created_at', '<', cursor.at),
          ...(cursor.direction === 'out'
            ? [eb.and([eb('outbox.created_at', '=', cursor.at), eb('outbox.id', '<', cursor.id)])]
            : []),
        ]),
      );
    }
    const rows = await query
      .orderBy('outbox.created_at', 'desc')
      .orderBy('outbox.id', 'desc')
      .limit(filters.limit + 1)
      .execute();
    return rows.map((row) => ({ ...row, direction: 'out' as const, from: null }));
  }

  async function incoming(filters: MessageLogFilters): Promise<MessageLogEntry[]> {
    const { cursor } = filters;
    let query = db
      .selectFrom('inbound_messages')
      .leftJoin('cases', 'cases.id', 'inbound_messages.case_id')
      .select([
        'inbound_messages.id',
        'inbound_messages.received_at as at',
        'inbound_messages.from_phone as from',
        'inbound_messages.to_phone as to',
        'inbound_messages.body',
        'inbound_messages.intent as status',
        'cases.ref as caseRef',
      ]);
    if (filters.from) query = query.where('inbound_messages.from_phone', '=', filters.from);
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('inbound_messages.received_at', '<', cursor.at),
          eb.and([
            eb('inbound_messages.received_at', '=', cursor.at),
            cursor.direction === 'out' ? eb.lit(true) : eb('inbound_messages.id', '<', cursor.id),
          ]),
        ]),
      );
    }
    const rows = await query
      .orderBy('inbound_messages.received_at', 'desc')
      .orderBy('inbound_messages.id', 'desc')
      .limit(filters.limit + 1)
      .execute();
    return rows.map((row) => ({
      ...row,
      to: row.to ?? '',
      direction: 'in' as const,
      purpose: null,
      errorCode: null,
    }));
  }

  return {
    async list(
      filters: MessageLogFilters,
    ): Promise<{ items: MessageLogEntry[]; next: MessageCursor | null }> {
      // Status and recipient describe outgoing texts, the sender incoming ones.
      const wantOut = filters.direction !== 'in' && !filters.from;
      const wantIn = filters.direction !== 'out' && !filters.status && !filters.to;
      const merged = [
        ...(wantOut ? await outgoing(filters) : []),
        ...(wantIn ? await incoming(filters) : []),
      ].sort(
        (a, b) =>
          b.at.localeCompare(a.at) ||
          (a.direction === b.direction ? b.id - a.id : a.direction === 'out' ? -1 : 1),
      );
      const items = merged.slice(0, filters.limit);
      const last = items.at(-1);
      return {
        items,
        next:
          merged.length > filters.limit && last
            ? { at: last.at, direction: last.direction, id: last.id }
            : null,
      };
    },
  };
}

export type MessageLogRepository = ReturnType<typeof createMessageLogRepository>;
