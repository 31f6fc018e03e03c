import type { Principal } from '../auth/auth.middleware';
import { generateToken, hashToken } from '../auth/auth.tokens';
import { currentVersions, POSITIONS } from '../roster/roster.models';
import { resolveSegments, type Segment } from '../roster/roster.segments';
import type { RosterService } from '../roster/roster.service';
import { DAY_MS } from '../roster/roster.time';
import type { Clock } from '../shared/clock';
import { AppError, notFound } from '../shared/errors';
import type { StaffRepository } from '../staff/staff.repository';
import { renderFeed } from './calendar.ics';
import type { CalendarRepository } from './calendar.repository';

const DAYS_BACK = 30;
const DAYS_AHEAD = 90;

/**
 * What a feed covers: whole UTC days from 30 days back to 90 days ahead. Whole days keep the
 * feed the same all day, so only the first event (cut at the window's start) changes daily.
 */
export function feedWindow(now: Date): { from: Date; to: Date } {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return { from: new Date(today - DAYS_BACK * DAY_MS), to: new Date(today + (DAYS_AHEAD + 1) * DAY_MS) };
}

/**
 * The whole roster shows every staffed stretch and the gaps of the positions someone staffs in the
 * window; a position no rotation ever fills would otherwise be one four-month "uncovered" event.
 */
export function wholeRosterEvents(segments: Segment[]): Segment[] {
  const staffed = new Set(segments.filter((s) => s.staffId !== null).map((s) => s.position));
  return segments.filter((segment) => staffed.has(segment.position));
}

/**
 * A feed is a secret URL onto the roster: admins hand them out; any staff member may make one of
 * their own shifts, which they can read anyway. The whole roster's feed is an admin's to give.
 */
export function mayCreateFeed(principal: Principal, staffId: number | null): boolean {
  if (principal.role === 'admin') return true;
  return staffId !== null && principal.kind === 'staff' && principal.staffId === staffId;
}

export function createCalendarFeeds(deps: {
  calendarRepository: CalendarRepository;
  staffRepository: StaffRepository;
  rosterService: Pick<RosterService, 'loadRoster'>;
  clock: Clock;
  publicBaseUrl: string;
}) {
  const feedUrl = (token: string) => `${deps.publicBaseUrl}/calendar/${token}.ics`;

  /** Accepts the token or the whole URL, as an admin would paste it. */
  const tokenOf = (tokenOrUrl: string) =>
    /([^/]+?)(\.ics)?$/.exec(tokenOrUrl.trim().replace(/[?#].*$/, ''))?.[1] ?? '';

  return {
    feedUrl,

    /** A new secret URL; the token is shown once, in the URL, and only its hash is kept. */
    async createFeed(staffId: number | null): Promise<{ url: string; staffId: number | null }> {
      if (staffId !== null) {
        const member = await deps.staffRepository.findById(staffId);
        if (!member) throw notFound('staff.not_found', `No staff member ${staffId}`);
        if (!member.active)
          throw new AppError(409, 'staff.inactive', `Staff member ${staffId} is not active`);
      }
      const token = generateToken();
      await deps.calendarRepository.create(hashToken(token), staffId);
      return { url: feedUrl(token), staffId };
    },

    async revokeFeed(tokenOrUrl: string): Promise<boolean> {
      return deps.calendarRepository.revoke(hashToken(tokenOf(tokenOrUrl)));
    },

    /** The feed's iCalendar text, or undefined for an unknown or revoked token or a departed member. */
    async renderFeed(token: string): Promise<string | undefined> {
      const feed = await deps.calendarRepository.findActive(hashToken(token));
      if (!feed) return undefined;
      const owner = feed.staffId === null ? null : await deps.staffRepository.findById(feed.staffId);
      // A member who left keeps no window onto the roster.
      if (feed.staffId !== null && !owner?.active) return undefined;

      const now = deps.clock.now();
      const { from, to } = feedWindow(now);
      // One roster, read once, gives the events and the names of their rotations and overrides.
      const roster = await deps.rosterService.loadRoster(from, to);
      const segments = resolveSegments(roster, from, to);
      const events = owner
        ? segments.filter((segment) => segment.staffId === owner.id)
        : wholeRosterEvents(segments);
      const ids = [
        ...new Set(
          events
            .flatMap((segment) => [segment.staffId, segment.vacancy?.staffId ?? null])
            .filter((id) => id !== null),
        ),
      ];
      const staff = await deps.staffRepository.findByIds(ids);
      const rotations = currentVersions(roster.versions, now);
      const { overrides } = roster;
      events.sort(
        (a, b) =>
          a.from.getTime() - b.from.getTime() ||
          POSITIONS.indexOf(a.position) - POSITIONS.indexOf(b.position),
      );
      return renderFeed({
        name: owner ? `Dutyline: ${owner.name}'s shifts` : 'Dutyline duty roster',
        segments: events,
        staffNames: new Map([...staff].map(([id, member]) => [id, member.name])),
        rotationNames: new Map(rotations.map((rotation) => [rotation.rotationId, rotation.name])),
        overrides: new Map(overrides.map((override) => [override.id, override])),
        host: new URL(deps.publicBaseUrl).hostname,
        stamp: now,
        transparent: owner === null,
      });
    },
  };
}

export type CalendarFeeds = ReturnType<typeof createCalendarFeeds>;
