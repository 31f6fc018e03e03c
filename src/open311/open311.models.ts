import { type CaseStatus, STATUSES } from '../cases/cases.models';
import type { Category } from '../content/categories';
import type { Place } from '../places/places.models';
import type { Language } from '../staff/staff.models';

// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) as Dutyline speaks it: pure mappings from
// categories and cases to the standard's fields. Names are the standard's, snake_case included.

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';
/** "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest." */
export const MAX_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
const DAY_MS = 86_400_000;

/**
 * The abandoned-call category is the hotline's own work, not a service a citizen can ask for. A
 * complaint about staff is not published either: GeoReport's requests are public, and it names an
 * officer; a citizen makes one by calling, writing or visiting, and staff log it (SPEC §18).
 */
const INTERNAL_CATEGORIES = new Set(['callback', 'staff-conduct']);

export function isPublicService(categoryId: string): boolean {
  return !INTERNAL_CATEGORIES.has(categoryId);
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** The commitment a service's requests get (normal priority), as a partner's app shows it. */
export function describeCommitment(resultHours: number, language: Language): string {
  return language === 'zh-CN' ? `${resultHours}小时内答复` : `We answer within ${resultHours}h`;
}

/** A category as a service: no extra form fields (metadata=false), and the case ref comes back at once. */
export function presentService(category: Category, language: Language): Open311Service {
  return {
    service_code: category.id,
    service_name: category.name[language],
    description: describeCommitment(category.commitments.normal.resultHours, language),
    metadata: false,
    type: 'realtime',
    keywords: [category.name['zh-CN'], category.name.en].join(', '),
    group: category.name[language],
  };
}

/** Open while someone works on it; closed once it has a result (or joined another case). */
export function toOpen311Status(status: CaseStatus): Open311Status {
  return status === 'resolved' || status === 'closed' || status === 'merged' ? 'closed' : 'open';
}

export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];

/** The case statuses a status filter of GET requests means. */
export function caseStatusesFor(wanted: Open311Status[]): CaseStatus[] {
  return STATUSES.filter((status) => wanted.includes(toOpen311Status(status)));
}

/**
 * What the public may know of a case: nothing that names or reaches a person. The query that feeds
 * it reads only these columns, so a phone or a description cannot leak through a later edit here.
 */
export interface PublicCase {
  ref: string;
  status: CaseStatus;
  category: string;
  placeId: string | null;
  result: string | null;
  mergedIntoRef: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Open311ServiceRequest {
  service_request_id: string;
  status: Open311Status;
  status_notes?: string;
  service_name: string;
  service_code: string;
  agency_responsible?: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime?: string;
  address?: string;
  address_id?: string;
}

export interface PresentRequestContext {
  serviceName: (categoryId: string) => string;
  placeName: (placeId: string) => string | undefined;
  /** A time as the standard writes it (w3 format with an offset). */
  formatTime: (iso: string) => string;
  agency: string | undefined;
}

/**
 * One case as a service request. Only a gazetteer place is an address: a free-text place may be
 * whatever a caller or a partner typed ("outside Mr Li's shop"), so it is never shown.
 */
export function presentServiceRequest(
  found: PublicCase,
  context: PresentRequestContext,
): Open311ServiceRequest {
  const status = toOpen311Status(found.status);
  const statusNotes = statusNotesOf(found, status);
  const address = found.placeId ? context.placeName(found.placeId) : undefined;
  // "For requests with status=closed, this will be the date the request was closed."
  const updated = status === 'closed' && found.resolvedAt ? found.resolvedAt : found.updatedAt;
  return {
    service_request_id: found.ref,
    status,
    ...(statusNotes ? { status_notes: statusNotes } : {}),
    service_name: context.serviceName(found.category),
    service_code: found.category,
    ...(context.agency ? { agency_responsible: context.agency } : {}),
    requested_datetime: context.formatTime(found.createdAt),
    updated_datetime: context.formatTime(updated),
    ...(status === 'open' && found.dueAt ? { expected_datetime: context.formatTime(found.dueAt) } : {}),
    ...(address && found.placeId ? { address, address_id: found.placeId } : {}),
  };
}

function statusNotesOf(found: PublicCase, status: Open311Status): string | undefined {
  if (status !== 'closed') return undefined;
  if (found.status === 'merged') {
    return found.mergedIntoRef ? `Duplicate request: see ${found.mergedIntoRef}.` : 'Duplicate request.';
  }
  return found.result ?? undefined;
}

export interface RequestWindow {
  from: Date;
  to: Date;
}

/**
 * The requested_datetime range of a GET requests: both ends as given, one end and 90 days from or
 * to it, or the most recent 90 days. A range longer than 90 days is the client's mistake.
 */
export function resolveRequestWindow(
  start: Date | undefined,
  end: Date | undefined,
  now: Date,
): RequestWindow | { problem: string } {
  const span = MAX_WINDOW_DAYS * DAY_MS;
  const from = start ?? new Date((end ?? now).getTime() - span);
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  if (from.getTime() > to.getTime()) return { problem: 'end_date: must not be before start_date' };
  if (to.getTime() - from.getTime() > span) {
    return { problem: `end_date: the range may span at most ${MAX_WINDOW_DAYS} days` };
  }
  return { from, to };
}

/** "can be declared multiple times, comma delimited": `a,b` and `a&…=b` both give [a, b]. */
export function splitCommaList(value: string | string[] | undefined): string[] {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export interface LocationInput {
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
}

export type ResolvedLocation =
  | { placeId: string; unmatched: null }
  | { placeId: null; unmatched: string | null };

/**
 * Where a request is about. An address_id must be a gazetteer id; an address_string is matched to
 * the gazetteer like a text (a name or alias anywhere in it, any width), and an unmatched one is kept
 * for triage. Coordinates alone leave the place to triage: the gazetteer has none.
 */
export function resolveLocation(
  input: LocationInput,
  places: { get(id: string): Place | undefined; match(text: string): Place | undefined },
): ResolvedLocation | { problem: string } {
  if ((input.lat === undefined) !== (input.long === undefined)) {
    return { problem: 'lat and long must be sent together' };
  }
  if (input.lat === undefined && !input.addressString && !input.addressId) {
    return { problem: 'a location is required: lat and long, address_string or address_id' };
  }
  if (input.addressId) {
    const place = places.get(input.addressId);
    if (!place) return { problem: `address_id: ${input.addressId} is not a place of this hotline` };
    return { placeId: place.id, unmatched: null };
  }
  const matched = input.addressString ? places.match(input.addressString) : undefined;
  return matched
    ? { placeId: matched.id, unmatched: null }
    : { placeId: null, unmatched: input.addressString ?? null };
}

export interface Open311Error {
  code: number;
  description: string;
}

export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: {
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }[];
}

export const FORMAT_TYPES = { xml: 'text/xml', json: 'application/json' } as const;

/** The Service Discovery document: this one endpoint, in both formats. */
export function presentDiscovery(input: {
  endpointUrl: string;
  changeset: string;
  contact: string;
  keyService: string;
}): Open311Discovery {
  return {
    changeset: input.changeset,
    contact: input.contact,
    key_service: input.keyService,
    endpoints: [
      {
        specification: GEOREPORT_V2,
        url: input.endpointUrl,
        changeset: input.changeset,
        type: 'production',
        formats: [FORMAT_TYPES.xml, FORMAT_TYPES.json],
      },
    ],
  };
}
