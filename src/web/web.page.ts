import type { Request, Response } from 'express';
import type { VNode } from 'preact';
import type { StaffRepository } from '../staff/staff.repository';
import { renderDocument } from './render';
import { type PageContext, pageContextOf } from './web.context';

/** What every page handler needs to build its context: who the viewer is, and the hotline's zone. */
export interface PageDeps {
  staffRepository: Pick<StaffRepository, 'findById'>;
  zone: string;
}

export async function loadPageContext(
  { staffRepository, zone }: PageDeps,
  req: Request,
): Promise<PageContext> {
  const principal = req.principal;
  const viewer =
    principal?.kind === 'staff' ? ((await staffRepository.findById(principal.staffId)) ?? null) : null;
  return pageContextOf(req, viewer, zone);
}

export function sendPage(res: Response, page: VNode, status = 200): void {
  res.status(status).type('html').set('cache-control', 'no-store').send(renderDocument(page));
}

/** After a form: back to a page (303, so a reload never posts twice), saying what happened. */
export function redirectWithNotice(res: Response, path: string, notice: { done?: string; error?: string }) {
  const query = new URLSearchParams(
    Object.entries(notice).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  res.redirect(303, query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path);
}
