import type { Insertable, Selectable, Transaction } from 'kysely';
import type { Clock } from '../shared/clock';
import type { Db, DbOrTransaction } from '../shared/db';
import type { Database, OverridesTable, RotationVersionsTable } from '../shared/db.schema';
import { badRequest } from '../shared/errors';
import { currentVersions, type Override, type RotationVersion } from './roster.models';

export type NewRotation = Omit<RotationVersion, 'rotationId' | 'effectiveFrom'>;
export type RotationChanges = Partial<NewRotation>;

export interface StoredOverride extends Override {
  createdBy: number | null;
  createdAt: string;
  /**
   * When it was cancelled: from then on it no longer counts, and before then it stood (history is
   * not rewritten). One cancelled before it began never counted at all.
   */
  cancelledAt: string | null;
}

export type NewOverride = Omit<StoredOverride, 'id' | 'createdAt' | 'cancelledAt'>;

/** How far back an edit's effectiveFrom may lie: only the clock skew of the request itself. */
export const EFFECTIVE_FROM_TOLERANCE_MS = 5_000;

/** History is kept: neither a new rotation nor an edit may change who was on duty before now. */
function assertNotPast(effectiveFrom: Date, now: Date): void {
  if (effectiveFrom.getTime() < now.getTime() - EFFECTIVE_FROM_TOLERANCE_MS) {
    throw badRequest(
      'rotation.effective_from_past',
      'effectiveFrom: a rotation cannot take effect in the past',
    );
  }
}

function toVersion(row: Selectable<RotationVersionsTable>): RotationVersion {
  return {
    rotationId: row.rotation_id,
    effectiveFrom: row.effective_from,
    name: row.name,
    position: row.position,
    timezone: row.timezone,
    startLocal: row.start_local,
    shiftHours: row.shift_hours,
    members: JSON.parse(row.members) as number[],
    weekdays: row.weekdays === null ? null : (JSON.parse(row.weekdays) as number[]),
    window:
      row.window_start !== null && row.window_end !== null
        ? { start: row.window_start, end: row.window_end }
        : null,
  };
}

function toVersionRow(version: RotationVersion, createdAt: string): Insertable<RotationVersionsTable> {
  return {
    rotation_id: version.rotationId,
    effective_from: version.effectiveFrom,
    name: version.name,
    position: version.position,
    timezone: version.timezone,
    start_local: version.startLocal,
    shift_hours: version.shiftHours,
    members: JSON.stringify(version.members),
    weekdays: version.weekdays === null ? null : JSON.stringify(version.weekdays),
    window_start: version.window?.start ?? null,
    window_end: version.window?.end ?? null,
    created_at: createdAt,
  };
}

function toOverride(row: Selectable<OverridesTable>): StoredOverride {
  return {
    id: row.id,
    position: row.position,
    absentStaffId: row.absent_staff_id,
    coverStaffId: row.cover_staff_id,
    from: row.starts_at,
    to: row.ends_at,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
  };
}

/** What resolution reads: a cancelled override counts only until its cancellation. */
function asCounted(override: StoredOverride): StoredOverride {
  const { cancelledAt, to } = override;
  return cancelledAt !== null && cancelledAt < to ? { ...override, to: cancelledAt } : override;
}

export function createRosterRepository({ db, clock }: { db: Db; clock: Clock }) {
  async function findVersions(rotationId: number): Promise<RotationVersion[]> {
    const rows = await db
      .selectFrom('rotation_versions')
      .selectAll()
      .where('rotation_id', '=', rotationId)
      .orderBy('effective_from')
      .execute();
    return rows.map(toVersion);
  }

  // An executor is passed from inside a transaction (an SMS's), which must not wait on `db`.
  async function loadVersions(executor: DbOrTransaction = db): Promise<RotationVersion[]> {
    const rows = await executor
      .selectFrom('rotation_versions')
      .selectAll()
      .orderBy('rotation_id')
      .orderBy('effective_from')
      .execute();
    return rows.map(toVersion);
  }

  return {
    findVersions,
    loadVersions,

    /**
     * The roster's revision: triggers bump it whenever a rotation version or a staff status change is
     * written, by any process, so a reader keeping those in memory knows when to read them again.
     */
    async readRevision(executor: DbOrTransaction = db): Promise<number> {
      const row = await executor
        .selectFrom('roster_revision')
        .select('revision')
        .where('id', '=', 1)
        .executeTakeFirst();
      return row?.revision ?? 0;
    },

    /**
     * The first version takes effect now, or at a later `effectiveFrom`, however far back its start
     * lies: before its creation the roster said someone else (or nobody) was on duty, and that answer
     * stands. The start only anchors the cycle.
     */
    async createRotation(
      input: NewRotation,
      { effectiveFrom, outer }: { effectiveFrom?: Date; outer?: Transaction<Database> } = {},
    ): Promise<RotationVersion> {
      const now = clock.now();
      if (effectiveFrom) assertNotPast(effectiveFrom, now);
      const from = effectiveFrom && effectiveFrom > now ? effectiveFrom : now;
      // An import passes its own transaction, so that all of its rotations commit or none do.
      const write = async (trx: Transaction<Database>) => {
        const rotation = await trx
          .insertInto('rotations')
          .values({ created_at: now.toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        const version = { ...input, rotationId: rotation.id, effectiveFrom: from.toISOString() };
        await trx.insertInto('rotation_versions').values(toVersionRow(version, now.toISOString())).execute();
        return version;
      };
      return outer ? write(outer) : db.transaction().execute(write);
    },

    /**
     * Adds a version copying the one in force at `effectiveFrom` with `changes` applied. Undefined
     * when the rotation does not exist. Two edits at the same instant merge into one version.
     */
    async updateRotation(
      rotationId: number,
      changes: RotationChanges,
      effectiveFrom: Date = clock.now(),
    ): Promise<RotationVersion | undefined> {
      const now = clock.now();
      assertNotPast(effectiveFrom, now);
      return db.transaction().execute(async (trx) => {
        const base = await trx
          .selectFrom('rotation_versions')
          .selectAll()
          .where('rotation_id', '=', rotationId)
          .orderBy((eb) =>
            eb
              .case()
              .when('effective_from', '<=', effectiveFrom.toISOString())
              .then(eb.lit(0))
              .else(eb.lit(1))
              .end(),
          )
          .orderBy('effective_from', 'desc')
          .executeTakeFirst();
        if (!base) return undefined;
        // An explicit `undefined` (an absent optional field) must not erase what the base version says.
        const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        const version: RotationVersion = {
          ...toVersion(base),
          ...given,
          rotationId,
          effectiveFrom: effectiveFrom.toISOString(),
        };
        const row = toVersionRow(version, now.toISOString());
        const { rotation_id: _rotation, effective_from: _effective, ...rest } = row;
        await trx
          .insertInto('rotation_versions')
          .values(row)
          .onConflict((oc) => oc.columns(['rotation_id', 'effective_from']).doUpdateSet(rest))
          .execute();
        return version;
      });
    },

    /** The version of each rotation in force now. */
    async listRotations(): Promise<RotationVersion[]> {
      return currentVersions(await loadVersions(), clock.now());
    },

    /**
     * Overrides counting in [from, to), oldest first, as resolution reads them: a cancelled one ends
     * at its cancellation (asCounted), and one cancelled before it began is left out.
     */
    async loadOverrides(from: Date, to: Date, executor: DbOrTransaction = db): Promise<StoredOverride[]> {
      const start = from.toISOString();
      const rows = await executor
        .selectFrom('overrides')
        .selectAll()
        .where('starts_at', '<', to.toISOString())
        .where('ends_at', '>', start)
        .where((eb) =>
          eb.or([
            eb('cancelled_at', 'is', null),
            eb.and([eb('cancelled_at', '>', eb.ref('starts_at')), eb('cancelled_at', '>', start)]),
          ]),
        )
        .orderBy('id')
        .execute();
      return rows.map((row) => asCounted(toOverride(row)));
    },

    /** Every override planned to overlap [from, to), cancelled ones too, as recorded; by start. */
    async listOverrides(from: Date, to: Date, limit: number): Promise<StoredOverride[]> {
      const rows = await db
        .selectFrom('overrides')
        .selectAll()
        .where('starts_at', '<', to.toISOString())
        .where('ends_at', '>', from.toISOString())
        .orderBy('starts_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toOverride);
    },

    async findOverride(id: number): Promise<StoredOverride | undefined> {
      const row = await db.selectFrom('overrides').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOverride(row);
    },

    /** Marks an override cancelled at `at`, keeping its row; false when it already was. */
    async cancelOverride(id: number, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('overrides')
        .set({ cancelled_at: at.toISOString() })
        .where('id', '=', id)
        .where('cancelled_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async createOverride(input: NewOverride, executor: DbOrTransaction = db): Promise<StoredOverride> {
      const row = await executor
        .insertInto('overrides')
        .values({
          position: input.position,
          absent_staff_id: input.absentStaffId,
          cover_staff_id: input.coverStaffId,
          // Normalised, because overlap queries compare these as text.
          starts_at: new Date(input.from).toISOString(),
          ends_at: new Date(input.to).toISOString(),
          reason: input.reason,
          created_by: input.createdBy,
          created_at: clock.now().toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toOverride(row);
    },

    /**
     * Absences with no cover on their row that are not over at `after`, newest first: the slots an
     * SMS COVER may take. A cover added by a separate override still shows here; the caller resolves.
     */
    async findUncoveredAbsences(
      after: Date,
      executor: DbOrTransaction = db,
      limit = 50,
    ): Promise<StoredOverride[]> {
      const rows = await executor
        .selectFrom('overrides')
        .selectAll()
        .where('absent_staff_id', 'is not', null)
        .where('cover_staff_id', 'is', null)
        .where('cancelled_at', 'is', null)
        .where('ends_at', '>', after.toISOString())
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toOverride);
    },

    /** Names a cover on an absence that still has none; false when someone got there first. */
    async setOverrideCover(
      id: number,
      coverStaffId: number,
      executor: DbOrTransaction = db,
    ): Promise<boolean> {
      const result = await executor
        .updateTable('overrides')
        .set({ cover_staff_id: coverStaffId })
        .where('id', '=', id)
        .where('cover_staff_id', 'is', null)
        .where('cancelled_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * Ends an uncovered absence early at `at` (inside its span), leaving its past as it was; false when
     * it has been covered, cancelled or changed meanwhile.
     */
    async endUncoveredOverrideAt(id: number, at: Date, executor: DbOrTransaction = db): Promise<boolean> {
      const instant = at.toISOString();
      const result = await executor
        .updateTable('overrides')
        .set({ ends_at: instant })
        .where('id', '=', id)
        .where('cover_staff_id', 'is', null)
        .where('cancelled_at', 'is', null)
        .where('starts_at', '<', instant)
        .where('ends_at', '>', instant)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type RosterRepository = ReturnType<typeof createRosterRepository>;
