import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../../auth/auth.middleware';
import { fetchCallbackCallRecording } from '../../callbacks/calls/callback-calls.recording';
import type { CallbackCallsRepository } from '../../callbacks/calls/callback-calls.repository';
import { callIdSchema } from '../../callbacks/calls/callback-calls.routes';
import { type StartCallbackCallDeps, startCallbackCall } from '../../callbacks/calls/callback-calls.start';
import type { CallsView } from '../../calls/calls.view';
import { type LoadCaseDetailDeps, loadCaseDetail } from '../../cases/cases.detail';
import { STATUSES } from '../../cases/cases.models';
import { presentMessages } from '../../cases/cases.presenter';
import {
  assignSchema,
  callbackSchema,
  mergeSchema,
  reasonSchema,
  refSchema,
  textSchema,
  triageSchema,
} from '../../cases/cases.schemas';
import type { CaseService } from '../../cases/cases.usecases';
import { reviewStaffIds } from '../../cases/review/review.presenter';
import { opinionSchema, reviewRequestSchema } from '../../cases/review/review.schemas';
import type { ReviewService } from '../../cases/review/review.usecases';
import { type Categories, PRIORITIES } from '../../content/categories';
import type { Places } from '../../content/places';
import type { Petitions } from '../../petitions/petitions.usecases';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { parseInput, routeParam } from '../../shared/http';
import { phoneQuerySchema, rowIdSchema } from '../../shared/schemas';
import { canSeeAllCases } from '../../staff/staff.models';
import type { StaffRepository } from '../../staff/staff.repository';
import { sendRecording } from '../../voice/recording.routes';
import { type FetchCaseRecordingDeps, fetchCaseRecording } from '../../voice/recording.usecases';
import { fromLocalInput } from '../format';
import { isSupervisor } from '../web.context';
import { loadPageContext, type PageDeps, redirectWithNotice, sendPage } from '../web.page';
import { CasePage } from './case.page';
import { availableActions } from './case-actions';
import { type CasesKey, casesMessages, isCasesKey } from './cases.i18n';
import { CasesListPage, firstPageQuery, type ListFilterForm } from './cases.list.page';
import { availableReviewForms } from './review.section';

export type CasesPagesDeps = PageDeps &
  LoadCaseDetailDeps &
  FetchCaseRecordingDeps & {
    caseService: CaseService;
    reviewService: ReviewService;
    staffRepository: Pick<StaffRepository, 'findById' | 'findByIds' | 'list'>;
    categories: Categories;
    places: Places;
    presentCalls: CallsView;
    clock: Clock;
    /** The petition a group complaint carries (SPEC §18), shown in its own section. */
    petitions?: Pick<Petitions, 'petitionOf'>;
    /** A masked call-back from the case page (SPEC §18), the calls made, and their recordings. */
    callbackCallStart?: StartCallbackCallDeps;
    callbackCallsRepository?: Pick<CallbackCallsRepository, 'listForCase' | 'findById'>;
  };

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date');

/** The list's query: each filter as a form sends it, an empty field meaning no filter. */
const listQuerySchema = z.object({
  status: z.preprocess(blankIsAbsent, z.enum(STATUSES).optional()),
  category: z.preprocess(blankIsAbsent, z.string().max(64).optional()),
  priority: z.preprocess(blankIsAbsent, z.enum(PRIORITIES).optional()),
  assignee: z.preprocess(blankIsAbsent, rowIdSchema.optional()),
  phone: z.preprocess(blankIsAbsent, phoneQuerySchema.optional()),
  from: z.preprocess(blankIsAbsent, date.optional()),
  to: z.preprocess(blankIsAbsent, date.optional()),
  cursor: z.preprocess(blankIsAbsent, rowIdSchema.optional()),
});

const FILTER_FIELDS = ['status', 'category', 'priority', 'assignee', 'phone', 'from', 'to'] as const;

/** Only the named fields of a form, and only when sent once as text (a repeated field is dropped). */
function fieldsOf(body: unknown, names: readonly string[]): Record<string, string> {
  const source = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    names.flatMap((name) => (typeof source[name] === 'string' ? [[name, source[name] as string]] : [])),
  );
}

/**
 * Error codes a case page can explain; a refusal becomes one of these keys in the URL (never the
 * person's own text), and the page shows the sentence.
 */
function errorKey(code: string): CasesKey {
  const key = `error.${code}`;
  return isCasesKey(key) ? key : 'error.refused';
}

/** /console/cases and /console/cases/:ref, with the forms of the case page. */
export function createCasesPagesRouter(deps: CasesPagesDeps): Router {
  const router = Router();

  router.get('/cases', async (req, res) => {
    const context = await loadPageContext(deps, req);
    const t = casesMessages(context.language);
    const raw = fieldsOf(req.query, [...FILTER_FIELDS, 'cursor']);
    const form: ListFilterForm = {
      status: raw.status ?? '',
      category: raw.category ?? '',
      priority: raw.priority ?? '',
      assignee: raw.assignee ?? '',
      phone: raw.phone ?? '',
      from: raw.from ?? '',
      to: raw.to ?? '',
    };
    const supervisor = isSupervisor(context.principal);
    const staffChoices = supervisor ? await deps.staffRepository.list() : [];
    const parsed = listQuerySchema.safeParse(raw);
    const labels: Record<string, CasesKey> = {
      status: 'status',
      category: 'category',
      priority: 'priority',
      assignee: 'assignee',
      phone: 'phone',
      from: 'from',
      to: 'to',
      cursor: 'older',
    };
    const now = deps.clock.now();
    const base = {
      form,
      staffChoices,
      categories: deps.categories,
      now,
      staff: new Map(),
      items: [],
      nextQuery: null,
      isFirstPage: raw.cursor === undefined,
    };
    if (!parsed.success) {
      const field = String(parsed.error.issues[0].path[0] ?? '');
      return sendPage(
        res,
        <CasesListPage context={context} view={{ ...base, badFilter: t(labels[field] ?? 'filters') }} />,
        400,
      );
    }
    const query = parsed.data;
    const from = query.from ? fromLocalInput(query.from, context.zone) : null;
    const to = query.to ? fromLocalInput(query.to, context.zone) : null;
    // The same rule as GET /api/cases: caseService.list keeps a duty officer to their own cases.
    const { items, next } = await deps.caseService.list(
      {
        status: query.status,
        category: query.category,
        priority: query.priority,
        assigneeId: query.assignee,
        phone: query.phone,
        from: from?.toISOString(),
        // "Until" a day includes that day.
        to: to ? new Date(to.getTime() + DAY_MS).toISOString() : undefined,
      },
      { limit: PAGE_SIZE, cursor: query.cursor },
      context.principal,
    );
    const assignees = items.flatMap((found) => (found.assigneeId === null ? [] : [found.assigneeId]));
    const staff = await deps.staffRepository.findByIds([...new Set(assignees)]);
    const filters = firstPageQuery(form);
    sendPage(
      res,
      <CasesListPage
        context={context}
        view={{
          ...base,
          badFilter: null,
          items,
          staff,
          nextQuery: next === null ? null : `${filters ? `${filters}&` : ''}cursor=${next}`,
        }}
      />,
    );
  });

  // A reference that cannot exist is as absent as one that does not: the 404 page either way.
  const refOf = (req: Request) => {
    const parsed = refSchema.safeParse(routeParam(req, 'ref'));
    if (!parsed.success) throw new AppError(404, 'case.not_found', 'No such case');
    return parsed.data;
  };

  router.get('/cases/:ref', async (req, res) => {
    const context = await loadPageContext(deps, req);
    const t = casesMessages(context.language);
    const detail = await loadCaseDetail(deps, refOf(req), context.principal);
    const { found, events, callbacks } = detail;
    const ids = [
      found.assigneeId,
      found.signedOffBy,
      found.concernsStaffId,
      ...events.flatMap((event) => [
        event.actor.staffId,
        numberOr(event.data.staffId),
        numberOr(event.data.previousStaffId),
      ]),
      ...callbacks.flatMap((task) => [task.assigneeId, task.doneBy]),
      ...(detail.review ? reviewStaffIds(detail.review) : []),
    ].filter((id): id is number => id !== null);
    const supervisor = isSupervisor(context.principal);
    const petition = (await deps.petitions?.petitionOf(found)) ?? null;
    if (petition?.recordedBy) ids.push(petition.recordedBy);
    const callbackCalls = (await deps.callbackCallsRepository?.listForCase(found.id)) ?? [];
    ids.push(...callbackCalls.map((call) => call.staffId));
    const [staff, everyone, calls] = await Promise.all([
      deps.staffRepository.findByIds([...new Set(ids)]),
      supervisor ? deps.staffRepository.list() : Promise.resolve([]),
      deps.presentCalls(detail.calls),
    ]);
    const notice = noticeOf(req, t);
    const reviewForms = availableReviewForms(found, detail.review, context.principal);
    sendPage(
      res,
      <CasePage
        context={context}
        view={{
          detail,
          staff,
          activeStaff: everyone.filter((member) => member.active),
          calls,
          callbackCalls,
          messages: presentMessages(detail.inbound, detail.outbound, context.zone),
          actions: {
            ...availableActions(found, context.principal),
            // While a review is under way its reviewers sign off (case.review_open).
            ...(reviewForms.withdraw ? { signOff: false } : {}),
          },
          reviewForms,
          reviewCandidates: everyone.filter(
            (member) =>
              member.active &&
              canSeeAllCases(member.role) &&
              member.id !== found.assigneeId &&
              member.id !== found.concernsStaffId,
          ),
          categories: deps.categories,
          places: deps.places,
          now: deps.clock.now(),
          notice,
          petition: {
            petition,
            mergedRefs: detail.merged.map((item) => item.ref),
            mayEdit:
              supervisor && (petition !== null || (found.status !== 'merged' && found.status !== 'closed')),
            recordedBy: petition?.recordedBy ? (staff.get(petition.recordedBy) ?? null) : null,
          },
        }}
      />,
    );
  });

  // The audio element's source: the same proxy and visibility rule as GET /api/cases/:ref/recording.
  router.get('/cases/:ref/recording', async (req, res) => {
    sendRecording(res, await fetchCaseRecording(deps, refOf(req), req.principal!));
  });
  router.get('/cases/:ref/calls/:id/recording', async (req, res) => {
    const id = callIdSchema.safeParse(routeParam(req, 'id'));
    if (!id.success || !deps.callbackCallsRepository) {
      throw new AppError(404, 'recording.not_found', 'No such call recording');
    }
    const recordings = { ...deps, callbackCallsRepository: deps.callbackCallsRepository };
    sendRecording(res, await fetchCallbackCallRecording(recordings, refOf(req), id.data, req.principal!));
  });

  /**
   * A form's post: the use case runs as the signed-in person, on the console channel; the answer
   * is a 303 back to the case page saying what happened. A refusal the page can explain comes back
   * as an error key; a case the person may not see stays a 404 page, a role they lack a 403 page.
   */
  function post(name: string, done: CasesKey, work: (req: Request, ref: string) => Promise<unknown>) {
    router.post(`/cases/:ref/${name}`, async (req: Request, res: Response) => {
      const ref = refOf(req);
      const path = `/console/cases/${ref}`;
      try {
        await work(req, ref);
      } catch (err) {
        if (err instanceof AppError && err.status !== 401 && err.status !== 403 && err.status !== 404) {
          return redirectWithNotice(res, path, { error: errorKey(err.code) });
        }
        throw err;
      }
      redirectWithNotice(res, path, { done });
    });
  }
  const principal = (req: Request) => req.principal!;

  post('acknowledge', 'done.acknowledged', (req, ref) =>
    deps.caseService.acknowledge(ref, principal(req), 'console'),
  );
  post('result', 'done.resolved', (req, ref) => {
    const { text } = parseInput(textSchema, fieldsOf(req.body, ['text']));
    return deps.caseService.recordResult(ref, text, principal(req), 'console');
  });
  post('notes', 'done.noted', (req, ref) => {
    const { text } = parseInput(textSchema, fieldsOf(req.body, ['text']));
    return deps.caseService.addNote(ref, text, principal(req), 'console');
  });
  post('assign', 'done.assigned', (req, ref) => {
    const { staffId } = parseInput(assignSchema, {
      staffId: Number(fieldsOf(req.body, ['staffId']).staffId),
    });
    return deps.caseService.assign(ref, staffId, principal(req), 'console');
  });
  post('triage', 'done.triaged', (req, ref) => {
    const triage = parseInput(triageSchema, fieldsOf(req.body, ['category', 'priority', 'place']));
    return deps.caseService.triage(ref, triage, principal(req), 'console');
  });
  post('concerns', 'done.concernsSet', (req, ref) => {
    const { concernsStaffId } = fieldsOf(req.body, ['concernsStaffId']);
    const triage = parseInput(triageSchema, {
      concernsStaffId: concernsStaffId ? Number(concernsStaffId) : null,
    });
    return deps.caseService.triage(ref, triage, principal(req), 'console');
  });
  post('callback', 'done.called', (req, ref) => {
    const fields = fieldsOf(req.body, ['outcome', 'note', 'close', 'satisfaction']);
    const log = parseInput(callbackSchema, {
      outcome: fields.outcome,
      note: fields.note ?? '',
      ...(fields.close === 'yes' ? { close: true } : {}),
      ...(fields.satisfaction ? { satisfaction: fields.satisfaction } : {}),
    });
    return deps.caseService.logCallback(ref, log, principal(req), 'console');
  });
  post('calls', 'done.callStarted', (req, ref) => {
    if (!deps.callbackCallStart) throw new AppError(503, 'callback_call.offline', 'Calls are not set up');
    return startCallbackCall(deps.callbackCallStart, ref, principal(req), 'console');
  });
  post('merge', 'done.merged', async (req, ref) => {
    // The case itself must be visible (else the 404 page); an unknown target is the form's error.
    await deps.caseService.get(ref, principal(req));
    const { into } = parseInput(mergeSchema, { into: fieldsOf(req.body, ['into']).into?.trim() });
    try {
      return await deps.caseService.merge(ref, into, principal(req), 'console');
    } catch (err) {
      if (err instanceof AppError && err.code === 'case.not_found')
        throw new AppError(400, 'case.merge_target_unknown', `No case ${into}`);
      throw err;
    }
  });
  // As POST /api/cases/:ref/sign-off: supervisors only.
  router.post('/cases/:ref/sign-off', requireRole('supervisor'));
  post('sign-off', 'done.signedOff', (req, ref) => deps.caseService.signOff(ref, principal(req), 'console'));
  // As POST and DELETE /api/cases/:ref/review: supervisors only; any reviewer gives an opinion.
  router.post('/cases/:ref/review', requireRole('supervisor'));
  post('review', 'done.reviewRequested', (req, ref) => {
    const raw = req.body?.reviewers;
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(Number);
    const input = parseInput(reviewRequestSchema, {
      reviewers: list,
      quorum: Number(fieldsOf(req.body, ['quorum']).quorum),
    });
    return deps.reviewService.request(ref, input, principal(req), 'console');
  });
  post('review/opinions', 'done.opinionRecorded', (req, ref) => {
    const input = parseInput(opinionSchema, fieldsOf(req.body, ['verdict', 'opinion']));
    return deps.reviewService.recordOpinion(ref, input, principal(req), 'console');
  });
  router.post('/cases/:ref/review/withdraw', requireRole('supervisor'));
  post('review/withdraw', 'done.reviewWithdrawn', (req, ref) =>
    deps.reviewService.withdraw(ref, principal(req), 'console'),
  );
  post('reopen', 'done.reopened', (req, ref) => {
    const { reason } = parseInput(reasonSchema, fieldsOf(req.body, ['reason']));
    return deps.caseService.reopen(ref, reason, principal(req), 'console');
  });

  return router;
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** The line confirming the last form, from its key in the URL; an unknown key shows nothing. */
function noticeOf(req: Request, t: ReturnType<typeof casesMessages>) {
  const done = typeof req.query.done === 'string' ? req.query.done : undefined;
  const error = typeof req.query.error === 'string' ? req.query.error : undefined;
  if (error && isCasesKey(error) && error.startsWith('error.'))
    return { kind: 'error' as const, text: t(error) };
  if (done && isCasesKey(done) && done.startsWith('done.')) return { kind: 'done' as const, text: t(done) };
  return null;
}
