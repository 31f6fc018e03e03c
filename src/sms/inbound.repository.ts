import type { Insertable, Selectable } from 'kysely';
import type { Db, DbOrTransaction } from '../shared/db';
import type { InboundMessagesTable } from '../shared/db.schema';

export interface InboundMessage {
  id: number;
  messageSid: string;
  from: string;
  body: string;
  numMedia: number;
  senderType: 'citizen' | 'staff';
  staffId: number | null;
  intent: string;
  caseId: number | null;
  receivedAt: string;
}

function toInbound(row: Selectable<InboundMessagesTable>): InboundMessage {
  return {
    id: row.id,
    messageSid: row.message_sid,
    from: row.from_phone,
    body: row.body,
    numMedia: row.num_media,
    senderType: row.sender_type,
    staffId: row.staff_id,
    intent: row.intent,
    caseId: row.case_id,
    receivedAt: row.received_at,
  };
}

export function createInboundRepository({ db }: { db: Db }) {
  return {
    /** Records a text once per MessageSid; returns false when Twilio delivered it before. */
    async recordOnce(
      trx: DbOrTransaction,
      values: Omit<Insertable<InboundMessagesTable>, 'id'>,
    ): Promise<number | null> {
      const row = await trx
        .insertInto('inbound_messages')
        .values(values)
        .onConflict((oc) => oc.column('message_sid').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async linkToCase(trx: DbOrTransaction, id: number, caseId: number | null, intent: string): Promise<void> {
      await trx
        .updateTable('inbound_messages')
        .set({ case_id: caseId, intent })
        .where('id', '=', id)
        .execute();
    },

    /** The case this number's last text went to, if that text arrived at or after `since`. */
    async findRecentCaseId(trx: DbOrTransaction, phone: string, since: string): Promise<number | null> {
      const row = await trx
        .selectFrom('inbound_messages')
        .select('case_id')
        .where('from_phone', '=', phone)
        .where('received_at', '>=', since)
        .where('case_id', 'is not', null)
        .where('intent', 'in', ['complaint', 'follow_up'])
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row?.case_id ?? null;
    },

    async listForCase(caseId: number): Promise<InboundMessage[]> {
      const rows = await db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute();
      return rows.map(toInbound);
    },
  };
}

export type InboundRepository = ReturnType<typeof createInboundRepository>;
