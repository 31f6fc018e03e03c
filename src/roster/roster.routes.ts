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
  const admin = requireRole('admin');

  router.get('/rotations', anyone, async (_req, res) => {
    const rotations = await rosterService.listRotations();
    res.json({ items: rotations.map((rotation) => renderRotation(rotation, timezone)) });
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

  router.post('/overrides', admin, async (req, res) => {
    const input = parseInput(createOverrideSchema, req.body);
    const override = await recordAbsence(input, actorOf(principalOf(req), 'api'));
    res.status(201).json(renderOverride(override, timezone));
  });

  return router;
}
