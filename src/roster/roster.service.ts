import type { Clock } from '../shared/clock';
import type { DbOrTransaction } from '../shared/db';
import { AppError, badRequest, notFound } from '../shared/errors';
import { assertReportWindow } from '../shared/time-window';
import type { Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import { type InactiveSpan, toInactiveSpans } from '../staff/staff.status';
import {
  currentVersions,
  type OverrideReason,
  POSITIONS,
  type Position,
  type ResolvedDuty,
  type Roster,
  type RotationVersion,
  type RotationWindow,
  resolveOnDuty,
} from './roster.models';
import { canCancelOverride, overrideState } from './roster.overrides';
import type { NewOverride, RosterRepository, StoredOverride } from './roster.repository';
import { resolveSegments, type Segment } from './roster.segments';
import { type DutyShift, dutyShifts } from './roster.shifts';
import { type StartInput, toStartLocal } from './roster.start';
import { DAY_MS } from './roster.time';
import { type RotationHistory, rotationHistories } from './roster.versions';

export type OnDuty = Record<Position, Staff | null>;
export type OnDutyIds = Record<Position, number | null>;

export interface RotationInput {
  name: string;
  position: Position;
  timezone: string;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm' local to `timezone`, or an instant with an offset. */
  start: string;
  handoffTime?: string;
  shiftHours: number;
  members: number[];
  weekdays?: number[] | null;
  window?: RotationWindow | null;
  /** From when it applies: now when left out, else a later moment. */
  effectiveFrom?: Date;
}

export type RotationPatch = Partial<Omit<RotationInput, 'effectiveFrom'>>;

export interface OverrideInput {
  absentStaffId?: number | null;
  coverStaffId?: number | null;
  from: Date;
  to: Date;
  reason: OverrideReason;
  position?: Position;
  createdBy?: number | null;
}

/** How many overrides a list returns at most: a year of a busy roster. */
export const OVERRIDES_LISTED = 1000;

// How far ahead an absence with no position given is searched for the person's next duty.
const POSITION_LOOKAHEAD_MS = 31 * DAY_MS;

/** What changes rarely and is read on every look-up: kept in memory while the revision stands. */
interface RosterPlan {
  versions: RotationVersion[];
  inactive: InactiveSpan[];
  /** Everyone, by id: who is on duty is answered with their names and phones. */
  staff: Map<number, Staff>;
}

function startLocalOf(input: StartInput): string {
  const result = toStartLocal(input);
  if (!result.ok) {
    throw new AppError(400, result.code, `${result.field}: ${result.message}`, { field: result.field });
  }
  return result.startLocal;
}

export function createRosterService({
  rosterRepository,
  staffRepository,
  clock,
}: {
  rosterRepository: RosterRepository;
  staffRepository: StaffRepository;
  clock: Clock;
}) {
  // Overrides are looked up per call through their time index, so a sick note counts the moment it is
  // written. Versions and staff activity are kept until the roster's revision moves, which any
  // process's write does (a trigger), so the CLI's import counts here at once.
  let cached: { revision: number; plan: Promise<RosterPlan> } | null = null;

  async function readPlan(executor?: DbOrTransaction): Promise<RosterPlan> {
    const [versions, changes, staff] = await Promise.all([
      rosterRepository.loadVersions(executor),
      staffRepository.listStatusChanges(executor),
      staffRepository.list(executor),
    ]);
    return {
      versions,
      inactive: toInactiveSpans(changes),
      staff: new Map(staff.map((member) => [member.id, member])),
    };
  }

  async function loadPlan(executor?: DbOrTransaction): Promise<RosterPlan> {
    // The revision is read first: a plan read after it is never older than it says.
    const revision = await rosterRepository.readRevision(executor);
    if (cached?.revision === revision) return cached.plan;
    // Inside a transaction the revision may count writes that are rolled back; only what is committed
    // is kept for everyone.
    if (executor) return readPlan(executor);
    const entry = { revision, plan: readPlan() };
    if (!cached || cached.revision < revision) cached = entry;
    entry.plan.catch(() => {
      if (cached === entry) cached = null;
    });
    return entry.plan;
  }

  /**
   * What resolution needs for [from, to): every rotation version, the overrides overlapping the
   * window and who was inactive when. Pass the transaction when inside one (an SMS's).
   */
  async function loadRosterAndStaff(from: Date, to: Date, executor?: DbOrTransaction) {
    const [{ staff, ...plan }, overrides] = await Promise.all([
      loadPlan(executor),
      rosterRepository.loadOverrides(from, to, executor),
    ]);
    return { roster: { ...plan, overrides }, staff };
  }

  async function loadRoster(from: Date, to: Date, executor?: DbOrTransaction): Promise<Roster> {
    return (await loadRosterAndStaff(from, to, executor)).roster;
  }

  async function resolveAt(at: Date): Promise<ResolvedDuty> {
    return resolveOnDuty(await loadRoster(at, new Date(at.getTime() + 1)), at);
  }

  /** The staff the resolver puts on duty; it has already left out whoever was inactive then. */
  async function onDutyAt(at: Date): Promise<OnDuty> {
    const { roster, staff } = await loadRosterAndStaff(at, new Date(at.getTime() + 1));
    const duty = resolveOnDuty(roster, at);
    const staffFor = (position: Position) => {
      const id = duty[position].staffId;
      return (id === null ? undefined : staff.get(id)) ?? null;
    };
    return { primary: staffFor('primary'), backup: staffFor('backup'), supervisor: staffFor('supervisor') };
  }

  async function shiftsBetween(from: Date, to: Date): Promise<Segment[]> {
    return resolveSegments(await loadRoster(from, to), from, to);
  }

  /** Shifts over [from, to), split at handoffs (roster.shifts.ts); for shift notices. */
  async function dutyShiftsBetween(from: Date, to: Date): Promise<DutyShift[]> {
    return dutyShifts(await loadRoster(from, to), from, to);
  }

  async function assertStaff(ids: number[], mustBeActive: boolean): Promise<void> {
    const found = await staffRepository.findByIds([...new Set(ids)]);
    const unknown = [...new Set(ids)].filter((id) => {
      const member = found.get(id);
      return !member || (mustBeActive && !member.active);
    });
    if (unknown.length > 0) {
      throw badRequest(
        'roster.unknown_staff',
        `No ${mustBeActive ? 'active ' : ''}staff with id ${unknown.join(', ')}`,
        {
          staffIds: unknown,
        },
      );
    }
  }

  /** The position the absent person holds at `from`, or next holds within a month, else primary. */
  async function positionOfAbsence(staffId: number, from: Date, to: Date): Promise<Position> {
    const duty = await resolveAt(from);
    const atStart = POSITIONS.find((position) => duty[position].staffId === staffId);
    if (atStart) return atStart;
    const until = new Date(Math.min(to.getTime(), from.getTime() + POSITION_LOOKAHEAD_MS));
    const theirs = (await shiftsBetween(from, until)).filter((segment) => segment.staffId === staffId);
    theirs.sort((a, b) => a.from.getTime() - b.from.getTime());
    return theirs[0]?.position ?? 'primary';
  }

  /**
   * Checks an override and settles its position (the absent person's, when not given), reading the
   * roster as it stands; the caller stores the result, in its own transaction if it has one.
   */
  async function planOverride(input: OverrideInput): Promise<NewOverride> {
    const absentStaffId = input.absentStaffId ?? null;
    const coverStaffId = input.coverStaffId ?? null;
    if (absentStaffId === null && coverStaffId === null) {
      throw badRequest('request.invalid', 'absentStaffId: an override needs an absent or a covering person');
    }
    if (!(input.from < input.to)) throw badRequest('request.invalid', 'to: must be after from');
    if (absentStaffId !== null) await assertStaff([absentStaffId], false);
    if (coverStaffId !== null) await assertStaff([coverStaffId], true);
    const position =
      input.position ??
      (absentStaffId === null ? 'primary' : await positionOfAbsence(absentStaffId, input.from, input.to));
    return {
      position,
      absentStaffId,
      coverStaffId,
      from: input.from.toISOString(),
      to: input.to.toISOString(),
      reason: input.reason,
      createdBy: input.createdBy ?? null,
    };
  }

  return {
    loadRoster,
    onDutyAt,
    shiftsBetween,
    dutyShiftsBetween,

    /** Ids for the snapshot a call or case keeps of who was on duty when it arrived. */
    async onDutyIdsAt(at: Date): Promise<OnDutyIds> {
      const onDuty = await onDutyAt(at);
      return {
        primary: onDuty.primary?.id ?? null,
        backup: onDuty.backup?.id ?? null,
        supervisor: onDuty.supervisor?.id ?? null,
      };
    },

    async listRotations(): Promise<RotationVersion[]> {
      return currentVersions((await loadPlan()).versions, clock.now());
    },

    async createRotation(input: RotationInput): Promise<RotationVersion> {
      const startLocal = startLocalOf(input);
      await assertStaff(input.members, true);
      return rosterRepository.createRotation(
        {
          name: input.name,
          position: input.position,
          timezone: input.timezone,
          startLocal,
          shiftHours: input.shiftHours,
          members: input.members,
          weekdays: input.weekdays ?? null,
          window: input.window ?? null,
        },
        { effectiveFrom: input.effectiveFrom },
      );
    },

    /** A new version from `effectiveFrom` (default now); who was on duty before it stays as it was. */
    async updateRotation(
      rotationId: number,
      patch: RotationPatch,
      effectiveFrom?: Date,
    ): Promise<RotationVersion> {
      const at = effectiveFrom ?? clock.now();
      const versions = await rosterRepository.findVersions(rotationId);
      if (versions.length === 0) throw notFound('rotation.not_found', `No rotation ${rotationId}`);
      if (patch.members) await assertStaff(patch.members, true);
      const { start, handoffTime, ...changes } = patch;
      let startLocal: string | undefined;
      if (start !== undefined || handoffTime !== undefined) {
        // A bare new date keeps the handoff time; a new time alone keeps the start date. An instant is
        // read in the zone the rotation will have.
        const base = currentVersions(versions, at)[0];
        const [baseDate, baseTime] = base.startLocal.split('T');
        startLocal = startLocalOf({
          start: start ?? baseDate,
          handoffTime,
          timezone: changes.timezone ?? base.timezone,
          defaultTime: baseTime,
        });
      }
      const version = await rosterRepository.updateRotation(rotationId, { ...changes, startLocal }, at);
      if (!version) throw notFound('rotation.not_found', `No rotation ${rotationId}`);
      return version;
    },

    async createOverride(input: OverrideInput): Promise<StoredOverride> {
      return rosterRepository.createOverride(await planOverride(input));
    },

    /** Every rotation with all its versions: what changed, and from when. */
    async listRotationHistories(): Promise<RotationHistory[]> {
      return rotationHistories((await loadPlan()).versions, clock.now());
    },

    /**
     * The overrides planned to overlap [from, to), as recorded (cancelled ones are kept and marked),
     * by start; at most `limit`, and whether more were left out.
     */
    async listOverrides(
      from: Date,
      to: Date,
      limit = OVERRIDES_LISTED,
    ): Promise<{ items: StoredOverride[]; truncated: boolean }> {
      assertReportWindow(from, to);
      const rows = await rosterRepository.listOverrides(from, to, limit + 1);
      return { items: rows.slice(0, limit), truncated: rows.length > limit };
    },

    /**
     * Cancels an override from now on: one not yet begun never counts, one under way stops counting
     * now, and what it did before stays in history (the row is kept, marked with the moment).
     * Cancelling again changes nothing; one already over has nothing left to cancel.
     */
    async cancelOverride(id: number): Promise<StoredOverride> {
      const found = await rosterRepository.findOverride(id);
      if (!found) throw notFound('override.not_found', `No override ${id}`);
      const now = clock.now();
      const state = overrideState(found, now);
      if (state === 'cancelled') return found;
      if (!canCancelOverride(state)) {
        throw new AppError(409, 'override.ended', `Override ${id} is over; it is history now`);
      }
      await rosterRepository.cancelOverride(id, now);
      return (await rosterRepository.findOverride(id)) ?? found;
    },

    planOverride,
  };
}

export type RosterService = ReturnType<typeof createRosterService>;
