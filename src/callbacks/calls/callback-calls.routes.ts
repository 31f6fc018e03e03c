import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../../auth/auth.middleware';
import { refSchema } from '../../cases/cases.schemas';
import { parseInput, routeParam } from '../../shared/http';
import type { StaffRepository } from '../../staff/staff.repository';
import { sendRecording } from '../../voice/recording.routes';
import { presentCallbackCall } from './callback-calls.presenter';
import { type FetchCallbackCallRecordingDeps, fetchCallbackCallRecording } from './callback-calls.recording';
import { type StartCallbackCallDeps, startCallbackCall } from './callback-calls.start';

export interface CallbackCallsRouterDeps {
  start: StartCallbackCallDeps;
  /** Where the recording is fetched from, for whoever may see the case. */
  recording: FetchCallbackCallRecordingDeps;
  staffRepository: Pick<StaffRepository, 'findByIds'>;
  zone: string;
}

export const callIdSchema = z.coerce.number().int().positive();

/** POST /api/cases/:ref/calls (a masked call-back) and its recording, proxied. */
export function createCallbackCallsRouter(deps: CallbackCallsRouterDeps): Router {
  const router = Router();
  const refOf = (req: import('express').Request) =>
    parseInput(refSchema, routeParam(req, 'ref'), 'case.invalid_ref');

  router.post('/:ref/calls', async (req, res) => {
    const { found, call } = await startCallbackCall(deps.start, refOf(req), principalOf(req));
    const staff = await deps.staffRepository.findByIds([call.staffId]);
    res.status(202).json(presentCallbackCall(call, found.ref, { zone: deps.zone, staff }));
  });

  router.get('/:ref/calls/:id/recording', async (req, res) => {
    const id = parseInput(callIdSchema, routeParam(req, 'id'), 'callback_call.invalid_id');
    sendRecording(res, await fetchCallbackCallRecording(deps.recording, refOf(req), id, principalOf(req)));
  });

  return router;
}
