import type { Clock } from '../shared/clock';
import { badRequest, notFound } from '../shared/errors';
import type { Staff } from '../staff/staff.models';
import type { StaffRepository } from '../staff/staff.repository';
import {
  currentVersions,
  type OverrideReason,
  POSITIONS,
  type Position,
  type ResolvedDuty,
  type RotationVersion,
  type RotationWindow,
  resolveOnDuty,
  toStartLocal,
} from './roster.models';
import type { RosterRepository, StoredOverride } from './roster.repository';
import { resolveSegments, type Segment } from './roster.segments';
import { type DutyShift, dutyShifts } from './roster.shifts';
import { DAY_MS } from './roster.time';

export type OnDuty = Record<Position, Staff | null>;
export type OnDutyIds = Record<Position, number | null>;

export interface RotationInput {
  name: string;
  position: Position;
  timezone: string;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm', local to `timezone`. */
  start: string;
  handoffTime?: string;
  shiftHours: number;
  members: number[];
  weekdays?: number[] | null;
  window?: RotationWindow | null;
}

export type RotationPatch = Partial<RotationInput>;

export interface OverrideInput {
  absentStaffId?: number | null;
  coverStaffId?: number | null;
  from: Date;
  to: Date;
  reason: OverrideReason;
  position?: Position;
  createdBy?: number | null;
}

// Other processes (the CLI) write rotations too; the TTL bounds how long this process can miss that.
const DEFAULT_CACHE_TTL_MS = 30_000;
// How far ahead an absence with no position given is searched for the person's next duty.
const POSITION_LOOKAHEAD_MS = 31 * DAY_MS;

export function createRosterService({
  rosterRepository,
  staffRepository,
  clock,
  cacheTtlMs = DEFAULT_CACHE_TTL_MS,
}: {
  rosterRepository: RosterRepository;
  staffRepository: StaffRepository;
  clock: Clock;
  cacheTtlMs?: number;
}) {
  // Versions change rarely and are read on every call, so they stay in memory; overrides are looked up
  // per call through their time index, so a sick note counts the moment it is written.
  let cache: { versions: Promise<RotationVersion[]>; loadedAt: number } | null = null;

  function loadVersions(): Promise<RotationVersion[]> {
    const now = clock.now().getTime();
    if (!cache || now - cache.loadedAt >= cacheTtlMs || now < cache.loadedAt) {
      const entry = { versions: rosterRepository.loadVersions(), loadedAt: now };
      cache = entry;
      entry.versions.catch(() => {
        if (cache === entry) cache = null;
      });
    }
    return cache.versions;
  }

  function invalidate(): void {
    cache = null;
  }

  async function resolveAt(at: Date): Promise<ResolvedDuty> {
    const [versions, overrides] = await Promise.all([
      loadVersions(),
      rosterRepository.loadOverrides(at, new Date(at.getTime() + 1)),
    ]);
    return resolveOnDuty({ versions, overrides }, at);
  }

  /** Inactive staff count as nobody: a deactivated member must never be dialled. */
  async function onDutyAt(at: Date): Promise<OnDuty> {
    const duty = await resolveAt(at);
    const ids = POSITIONS.map((position) => duty[position].staffId).filter((id) => id !== null);
    const staff = await staffRepository.findByIds([...new Set(ids)]);
    const staffFor = (position: Position) => {
      const id = duty[position].staffId;
      const member = id === null ? undefined : staff.get(id);
      return member?.active ? member : null;
    };
    return { primary: staffFor('primary'), backup: staffFor('backup'), supervisor: staffFor('supervisor') };
  }

  async function shiftsBetween(from: Date, to: Date): Promise<Segment[]> {
    const [versions, overrides] = await Promise.all([
      loadVersions(),
      rosterRepository.loadOverrides(from, to),
    ]);
    return resolveSegments({ versions, overrides }, from, to);
  }

  /** Shifts over [from, to), split at handoffs (roster.shifts.ts); for shift notices. */
  async function dutyShiftsBetween(from: Date, to: Date): Promise<DutyShift[]> {
    const [versions, overrides] = await Promise.all([
      loadVersions(),
      rosterRepository.loadOverrides(from, to),
    ]);
    return dutyShifts({ versions, overrides }, from, to);
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

  return {
    onDutyAt,
    shiftsBetween,
    dutyShiftsBetween,
    invalidate,

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
      return currentVersions(await loadVersions(), clock.now());
    },

    async createRotation(input: RotationInput): Promise<RotationVersion> {
      const startLocal = toStartLocal(input.start, input.handoffTime);
      if (!startLocal) throw badRequest('request.invalid', 'start: not a real date and time');
      await assertStaff(input.members, true);
      const version = await rosterRepository.createRotation({
        name: input.name,
        position: input.position,
        timezone: input.timezone,
        startLocal,
        shiftHours: input.shiftHours,
        members: input.members,
        weekdays: input.weekdays ?? null,
        window: input.window ?? null,
      });
      invalidate();
      return version;
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
        // A bare new date keeps the handoff time; a new time alone keeps the start date.
        const [baseDate, baseTime] = currentVersions(versions, at)[0].startLocal.split('T');
        startLocal = toStartLocal(start ?? baseDate, handoffTime, baseTime) ?? undefined;
        if (!startLocal) throw badRequest('request.invalid', 'start: not a real date and time');
      }
      const version = await rosterRepository.updateRotation(rotationId, { ...changes, startLocal }, at);
      if (!version) throw notFound('rotation.not_found', `No rotation ${rotationId}`);
      invalidate();
      return version;
    },

    async createOverride(input: OverrideInput): Promise<StoredOverride> {
      const absentStaffId = input.absentStaffId ?? null;
      const coverStaffId = input.coverStaffId ?? null;
      if (absentStaffId === null && coverStaffId === null) {
        throw badRequest(
          'request.invalid',
          'absentStaffId: an override needs an absent or a covering person',
        );
      }
      if (!(input.from < input.to)) throw badRequest('request.invalid', 'to: must be after from');
      if (absentStaffId !== null) await assertStaff([absentStaffId], false);
      if (coverStaffId !== null) await assertStaff([coverStaffId], true);
      const position =
        input.position ??
        (absentStaffId === null ? 'primary' : await positionOfAbsence(absentStaffId, input.from, input.to));
      return rosterRepository.createOverride({
        position,
        absentStaffId,
        coverStaffId,
        from: input.from.toISOString(),
        to: input.to.toISOString(),
        reason: input.reason,
        createdBy: input.createdBy ?? null,
      });
    },
  };
}

export type RosterService = ReturnType<typeof createRosterService>;
