import { Router } from 'express';
import { principalOf, requireRole } from '../auth/auth.middleware';
import { actorOf } from '../cases/cases.access';
import type { Actor } from '../cases/cases.models';
import { type Clock, systemClock } from '../shared/clock';
import { notFound } from '../shared/errors';
import { parseInput, routeParam } from '../shared/http';
import { formatInstant } from '../shared/time-format';
import { renderOverride, renderRotation, renderStaff } from './roster.render';
import type { StoredOverride } from './roster.repository';
import {
  createOverrideSchema,
  createRotationSchema,
  onDutyQuerySchema,
  overrideIdSchema,
  overridesQuerySchema,
  rotationIdSchema,
  shiftsQuerySchema,
  updateRotationSchema,
} from './roster.schemas';
import type { OverrideInput, RosterService } from './roster.service';
import type { ShiftsQuery } from './roster.shifts-query';
import { renderShift } from './roster.shifts-render';

/** Mounted at /api/roster behind authentication; `timezone` is the hotline's, used to show times. */
export function createRosterRouter({
  rosterService,
  timezone,
  clock = systemClock,
  shiftsQuery,
  recordAbsence,
}: {
  rosterService: RosterService;
  timezone: string;
  clock?: Clock;
  /** Names the resolved segments for GET /shifts; without it that route is not served. */
  shiftsQuery?: ShiftsQuery;
  /** Stores an override and hands over the open cases of an absence already begun (roster.absence.ts). */
  recordAbsence: (input: Omit<OverrideInput, 'createdBy'>, actor: Actor) => Promise<StoredOverride>;
}) {
  const router = Router();
  const anyone = requireRole('staff');
  const supervisor = requireRole('supervisor');
  const admin = requireRole('admin');

  router.get('/rotations', anyone, async (_req, res) => {
    const rotations = await rosterService.listRotations();
    res.json({ items: rotations.map((rotation) => renderRotation(rotation, timezone)) });
  });

  router.get('/rotations/:id/versions', anyone, async (req, res) => {
    const id = rotationIdSchema.safeParse(routeParam(req, 'id'));
    const history = id.success
      ? (await rosterService.listRotationHistories()).find((each) => each.rotationId === id.data)
      : undefined;
    if (!history) throw notFound('rotation.not_found', 'No such rotation');
    res.json({
      items: history.versions.map(({ version, changed }) => ({
        ...renderRotation(version, timezone),
        changed,
      })),
    });
  });

  router.post('/rotations', admin, async (req, res) => {
    const input = parseInput(createRotationSchema, req.body);
    const rotation = await rosterService.createRotation(input);
    res.status(201).json(renderRotation(rotation, timezone));
  });

  router.patch('/rotations/:id', admin, async (req, res) => {
    const id = rotationIdSchema.safeParse(routeParam(req, 'id'));
    if (!id.success) throw notFound('rotation.not_found', 'No such rotation');
    const { effectiveFrom, ...patch } = parseInput(updateRotationSchema, req.body);
    const rotation = await rosterService.updateRotation(id.data, patch, effectiveFrom);
    res.json(renderRotation(rotation, timezone));
  });

  router.get('/on-duty', anyone, async (req, res) => {
    const { at = clock.now() } = parseInput(onDutyQuerySchema, req.query);
    const onDuty = await rosterService.onDutyAt(at);
    res.json({
      at: formatInstant(at, timezone),
      primary: renderStaff(onDuty.primary),
      backup: renderStaff(onDuty.backup),
      supervisor: renderStaff(onDuty.supervisor),
    });
  });

  if (shiftsQuery) {
    router.get('/shifts', anyone, async (req, res) => {
      const { from, to } = parseInput(shiftsQuerySchema, req.query);
      const shifts = await shiftsQuery.listShifts(from, to);
      res.json(shifts.map((shift) => renderShift(shift, timezone)));
    });
  }

  // Supervisors run the duty: they record and cancel absences, covers and swaps, not only admins.
  router.post('/overrides', supervisor, async (req, res) => {
    const input = parseInput(createOverrideSchema, req.body);
    const override = await recordAbsence(input, actorOf(principalOf(req), 'api'));
    res.status(201).json(renderOverride(override, timezone));
  });

  router.get('/overrides', anyone, async (req, res) => {
    const { from, to } = parseInput(overridesQuerySchema, req.query);
    const { items, truncated } = await rosterService.listOverrides(from, to);
    res.json({ items: items.map((override) => renderOverride(override, timezone)), truncated });
  });

  // Cancelling twice is no error (the first cancellation stands); an override already over is 409.
  router.delete('/overrides/:id', supervisor, async (req, res) => {
    const id = overrideIdSchema.safeParse(routeParam(req, 'id'));
    if (!id.success) throw notFound('override.not_found', 'No such override');
    await rosterService.cancelOverride(id.data);
    res.status(204).end();
  });

  return router;
}
