import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Priority } from '../content/categories';
import type { Db, DbOrTransaction } from '../shared/db';
import type { CaseEventsTable, CasesTable } from '../shared/db.schema';
import { WATCHED_STATUSES } from '../sla/sla.models';
import type { Language } from '../staff/staff.models';
import { isAboutStaffSql, notConcerningSql } from './cases.conditions';
import {
  type Actor,
  type Case,
  type CaseEvent,
  type CaseStatus,
  type Channel,
  type OnDutySnapshot,
  OPEN_STATUSES,
} from './cases.models';

function toCase(row: Selectable<CasesTable>): Case {
  return {
    id: row.id,
    ref: row.ref,
    status: row.status as CaseStatus,
    channel: row.channel as Channel,
    phone: row.phone,
    language: row.language as Language,
    category: row.category,
    priority: row.priority as Priority,
    description: row.description,
    assigneeId: row.assignee_id,
    onDuty: JSON.parse(row.on_duty) as OnDutySnapshot,
    result: row.result,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    dueAt: row.due_at,
    ackDueAt: row.ack_due_at,
    recordingSid: row.recording_sid,
    recordingDuration: row.recording_duration,
    feedbackSentAt: row.feedback_sent_at,
    feedbackDeliveredAt: row.feedback_delivered_at,
    feedbackVia: row.feedback_via as Case['feedbackVia'],
    satisfactionAskedAt: row.satisfaction_asked_at,
    satisfactionAnswer: row.satisfaction_answer as Case['satisfactionAnswer'],
    satisfactionAnsweredAt: row.satisfaction_answered_at,
    mergedInto: row.merged_into,
    place: row.place,
    placeId: row.place_id,
    signedOffAt: row.signed_off_at,
    signedOffBy: row.signed_off_by,
    concernsStaffId: row.concerns_staff_id,
    missed: row.missed === 1,
    callSid: row.call_sid,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toEvent(row: Selectable<CaseEventsTable>): CaseEvent {
  return {
    id: row.id,
    at: row.at,
    type: row.type,
    actor: { type: row.actor_type, staffId: row.actor_id, channel: row.channel as Actor['channel'] },
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

export type NewCaseRow = Omit<Insertable<CasesTable>, 'id'>;
export type CaseChanges = Updateable<CasesTable>;

export interface CaseFilters {
  status?: CaseStatus;
  phone?: string;
  assigneeId?: number;
  category?: string;
  priority?: Priority;
  from?: string;
  to?: string;
  /** Leaves out the complaints about this staff member: they never see them (SPEC §18). */
  hiddenFrom?: number;
}

/** Who a claimable list is for: the complaints about them are left out, and all others about staff unless a supervisor's. */
export interface ClaimViewer {
  staffId: number;
  seesAboutStaff: boolean;
}

export function createCasesRepository({ db }: { db: Db }) {
  return {
    async insert(trx: DbOrTransaction, values: NewCaseRow): Promise<Case> {
      return toCase(await trx.insertInto('cases').values(values).returningAll().executeTakeFirstOrThrow());
    },

    async refExists(trx: DbOrTransaction, ref: string): Promise<boolean> {
      return (
        (await trx.selectFrom('cases').select('id').where('ref', '=', ref).executeTakeFirst()) !== undefined
      );
    },

    async update(trx: DbOrTransaction, id: number, changes: CaseChanges): Promise<Case> {
      return toCase(
        await trx
          .updateTable('cases')
          .set(changes)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
    },

    /**
     * Marks a resolved case never asked as asked now; false when it changed meanwhile (answered,
     * asked, reopened), so that two runs never both ask.
     */
    async markSatisfactionAsked(trx: DbOrTransaction, id: number, now: string): Promise<boolean> {
      const claimed = await trx
        .updateTable('cases')
        .set({ satisfaction_asked_at: now, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'resolved')
        .where('satisfaction_asked_at', 'is', null)
        .executeTakeFirst();
      return claimed.numUpdatedRows > 0n;
    },

    async findByRef(ref: string, trx: DbOrTransaction = db): Promise<Case | undefined> {
      const row = await trx.selectFrom('cases').selectAll().where('ref', '=', ref).executeTakeFirst();
      return row && toCase(row);
    },

    async findById(id: number, trx: DbOrTransaction = db): Promise<Case | undefined> {
      const row = await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toCase(row);
    },

    async appendEvent(
      trx: DbOrTransaction,
      event: { caseId: number; at: string; type: string; actor: Actor; data?: Record<string, unknown> },
    ): Promise<void> {
      await trx
        .insertInto('case_events')
        .values({
          case_id: event.caseId,
          at: event.at,
          type: event.type,
          actor_type: event.actor.type,
          actor_id: event.actor.staffId,
          channel: event.actor.channel,
          data: JSON.stringify(event.data ?? {}),
        })
        .execute();
    },

    async listEvents(caseId: number): Promise<CaseEvent[]> {
      const rows = await db
        .selectFrom('case_events')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute();
      return rows.map(toEvent);
    },

    /** Newest first, paged by id: `cursor` is the last id of the previous page. */
    async list(
      filters: CaseFilters,
      page: { limit: number; cursor?: number },
    ): Promise<{ items: Case[]; next: number | null }> {
      let query = db.selectFrom('cases').selectAll();
      if (filters.status) query = query.where('status', '=', filters.status);
      if (filters.phone) query = query.where('phone', '=', filters.phone);
      if (filters.assigneeId !== undefined) query = query.where('assignee_id', '=', filters.assigneeId);
      if (filters.category) query = query.where('category', '=', filters.category);
      if (filters.priority) query = query.where('priority', '=', filters.priority);
      if (filters.from) query = query.where('created_at', '>=', filters.from);
      if (filters.to) query = query.where('created_at', '<', filters.to);
      if (filters.hiddenFrom !== undefined) query = query.where(notConcerningSql(filters.hiddenFrom));
      if (page.cursor !== undefined) query = query.where('id', '<', page.cursor);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(page.limit + 1)
        .execute();
      const items = rows.slice(0, page.limit).map(toCase);
      return { items, next: rows.length > page.limit ? items[items.length - 1].id : null };
    },

    async listOpenByPhone(phone: string, trx: DbOrTransaction = db): Promise<Case[]> {
      const rows = await trx
        .selectFrom('cases')
        .selectAll()
        .where('phone', '=', phone)
        .where('status', 'in', OPEN_STATUSES)
        .orderBy('id', 'desc')
        .limit(10)
        .execute();
      return rows.map(toCase);
    },

    /** Whether this number has a case still being worked on: the greeting then offers its status. */
    async hasOpenByPhone(phone: string, trx: DbOrTransaction = db): Promise<boolean> {
      const row = await trx
        .selectFrom('cases')
        .select('id')
        .where('phone', '=', phone)
        .where('status', 'in', OPEN_STATUSES)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async listOpenByAssignee(staffId: number, trx: DbOrTransaction = db): Promise<Case[]> {
      const rows = await trx
        .selectFrom('cases')
        .selectAll()
        .where('assignee_id', '=', staffId)
        .where('status', 'in', OPEN_STATUSES)
        .orderBy('id', 'desc')
        .limit(20)
        .execute();
      return rows.map(toCase);
    },

    /**
     * Open cases held by one officer (or by nobody, for null), the most pressing deadline first (see
     * pendingDeadline), cases without one last; and how many there are in all.
     */
    async listOpenByDeadline(
      assigneeId: number | null,
      limit: number,
      viewer?: ClaimViewer,
    ): Promise<{ items: Case[]; total: number }> {
      let held = db
        .selectFrom('cases')
        .where('status', 'in', OPEN_STATUSES)
        .where('assignee_id', assigneeId === null ? 'is' : '=', assigneeId);
      if (viewer) held = held.where(notConcerningSql(viewer.staffId));
      if (viewer && !viewer.seesAboutStaff) held = held.where((eb) => eb.not(isAboutStaffSql(eb)));
      const [rows, count] = await Promise.all([
        held
          .selectAll()
          .select((eb) =>
            eb.fn
              .coalesce(
                eb.case().when('status', 'in', WATCHED_STATUSES.acknowledge).then(eb.ref('ack_due_at')).end(),
                'due_at',
              )
              .as('pending_due_at'),
          )
          // A case with no deadline is the least pressing. Said explicitly, since SQLite puts nulls
          // first and PostgreSQL last; and by the bare output name, the only way PostgreSQL takes it.
          .orderBy(sql.ref('pending_due_at'), (ob) => ob.asc().nullsLast())
          .orderBy('id')
          .limit(limit)
          .execute(),
        held.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toCase), total: Number(count.total) };
    },

    async countCreatedByPhoneSince(trx: DbOrTransaction, phone: string, since: string): Promise<number> {
      const row = await trx
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('phone', '=', phone)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** The newest case of this number still waiting for a satisfaction answer. */
    async findAwaitingSatisfaction(trx: DbOrTransaction, phone: string): Promise<Case | undefined> {
      const row = await trx
        .selectFrom('cases')
        .selectAll()
        .where('phone', '=', phone)
        .where('status', '=', 'resolved')
        .where('satisfaction_asked_at', 'is not', null)
        .where('satisfaction_answer', 'is', null)
        .orderBy('satisfaction_asked_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row && toCase(row);
    },

    /** The cases merged into this one, oldest first: with it, their citizens are its reporters. */
    async listMergedInto(targetId: number, trx: DbOrTransaction = db): Promise<Case[]> {
      const rows = await trx
        .selectFrom('cases')
        .selectAll()
        .where('merged_into', '=', targetId)
        .orderBy('id')
        .execute();
      return rows.map(toCase);
    },

    /**
     * The newest merged case of this number whose citizen was asked about the surviving case's
     * result since `askedSince` (the satisfaction window) and has not answered.
     */
    async findMergedAwaitingSatisfaction(
      trx: DbOrTransaction,
      phone: string,
      askedSince: string,
    ): Promise<Case | undefined> {
      const row = await trx
        .selectFrom('cases')
        .selectAll()
        .where('phone', '=', phone)
        .where('status', '=', 'merged')
        .where('satisfaction_asked_at', '>=', askedSince)
        .where('satisfaction_answer', 'is', null)
        .orderBy('satisfaction_asked_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row && toCase(row);
    },

    async findLatestByPhone(trx: DbOrTransaction, phone: string): Promise<Case | undefined> {
      const row = await trx
        .selectFrom('cases')
        .selectAll()
        .where('phone', '=', phone)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row && toCase(row);
    },
  };
}

export type CasesRepository = ReturnType<typeof createCasesRepository>;
