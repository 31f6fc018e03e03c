import type { Categories } from '../content/categories';
import type { Places } from '../content/places';
import type { Clock } from '../shared/clock';
import { AppError, badRequest, notFound } from '../shared/errors';
import { formatInstant } from '../shared/time-format';
import type { Language } from '../staff/staff.models';
import type { ServiceRequestInput } from './open311.intake';
import type { Open311Key, Open311KeysRepository } from './open311.keys.repository';
import {
  caseStatusesFor,
  isPublicService,
  MAX_REQUESTS,
  type Open311Discovery,
  type Open311Service,
  type Open311ServiceRequest,
  type Open311Status,
  type PublicCase,
  presentDiscovery,
  presentService,
  presentServiceRequest,
  resolveRequestWindow,
} from './open311.models';
import type { PublicCasesRepository } from './open311.requests.repository';

export interface RequestsFilter {
  serviceRequestIds: string[];
  serviceCodes: string[];
  statuses: Open311Status[];
  start?: Date;
  end?: Date;
}

export interface Open311ServiceDeps {
  publicCasesRepository: PublicCasesRepository;
  keysRepository: Open311KeysRepository;
  categories: Categories;
  places: Places;
  clock: Clock;
  /** The hotline's zone: times are shown with its offset, as the rest of the API shows them. */
  zone: string;
  /** OPEN311_AGENCY: agency_responsible on every request, or left out. */
  agency: string | undefined;
  /** Where partners reach the hotline: the endpoint's URL is built on it. */
  publicBaseUrl: string;
  hotlineNumber: string | undefined;
  submit: (key: Open311Key, input: ServiceRequestInput) => Promise<{ ref: string; serviceNotice: string }>;
}

/** "Returned in w3 format, eg 2010-01-01T00:00:00Z": whole seconds, with the hotline's offset. */
export function formatW3(iso: string, zone: string): string {
  return formatInstant(new Date(iso), zone).replace(/\.\d{3}(?=[+-]|Z$)/, '');
}

/** What Open311 GeoReport v2 serves: the public view of the hotline, and intake for partners' apps. */
export function createOpen311Service({
  publicCasesRepository,
  keysRepository,
  categories,
  places,
  clock,
  zone,
  agency,
  publicBaseUrl,
  hotlineNumber,
  submit,
}: Open311ServiceDeps) {
  // The services come from the categories, read once at start: they change only with a restart.
  const changeset = formatW3(clock.now().toISOString(), zone);
  const internalCategories = categories.list
    .map((category) => category.id)
    .filter((id) => !isPublicService(id));

  function present(found: PublicCase, language: Language): Open311ServiceRequest {
    return presentServiceRequest(found, {
      serviceName: (id) => categories.name(id, language),
      placeName: (id) => places.name(id, language),
      formatTime: (iso) => formatW3(iso, zone),
      agency,
    });
  }

  return {
    discovery(): Open311Discovery {
      return presentDiscovery({
        endpointUrl: `${publicBaseUrl}/open311/v2`,
        changeset,
        contact: hotlineNumber ? `Call or text the hotline: ${hotlineNumber}` : publicBaseUrl,
        keyService:
          'API keys for POST requests are issued by the hotline administrator (dutyline open311 key create).',
      });
    },

    listServices(language: Language): Open311Service[] {
      return categories.list
        .filter((category) => isPublicService(category.id))
        .map((category) => presentService(category, language));
    },

    /** No service has extra fields (metadata=false), so each definition has no attributes. */
    findServiceDefinition(code: string): { service_code: string; attributes: never[] } {
      if (!categories.get(code) || !isPublicService(code)) {
        throw notFound('open311.service_not_found', `service_code ${code} was not found`);
      }
      return { service_code: code, attributes: [] };
    },

    async listRequests(filter: RequestsFilter, language: Language): Promise<Open311ServiceRequest[]> {
      if (filter.serviceRequestIds.length > MAX_REQUESTS) {
        throw badRequest('open311.too_many_ids', `service_request_id: at most ${MAX_REQUESTS} ids`);
      }
      const window = resolveRequestWindow(filter.start, filter.end, clock.now());
      if ('problem' in window) throw badRequest('open311.invalid_dates', window.problem);
      const found = await publicCasesRepository.list(
        {
          refs: filter.serviceRequestIds.length > 0 ? filter.serviceRequestIds : undefined,
          categories: filter.serviceCodes,
          statuses: caseStatusesFor(filter.statuses),
          from: window.from.toISOString(),
          to: window.to.toISOString(),
          limit: MAX_REQUESTS,
        },
        internalCategories,
      );
      return found.map((item) => present(item, language));
    },

    async getRequest(ref: string, language: Language): Promise<Open311ServiceRequest> {
      const found = await publicCasesRepository.findByRef(ref);
      if (!found || !isPublicService(found.category)) {
        throw notFound('open311.request_not_found', `service_request_id ${ref} was not found`);
      }
      return present(found, language);
    },

    /** The partner a live key belongs to; a missing, unknown or revoked key is refused alike. */
    async authenticate(apiKey: string | undefined): Promise<Open311Key> {
      const key = apiKey ? await keysRepository.findLive(apiKey) : undefined;
      if (!key) {
        throw new AppError(
          403,
          'open311.api_key_invalid',
          'Missing or invalid api_key; ask the hotline for a key',
        );
      }
      return key;
    },

    submit,

    issueKey: (name: string) => keysRepository.issue(name),
    listKeys: () => keysRepository.list(),
    async revokeKey(id: number): Promise<void> {
      if (!(await keysRepository.revoke(id)))
        throw notFound('open311.key_not_found', `There is no Open311 key ${id}`);
    },
  };
}

export type Open311UseCases = ReturnType<typeof createOpen311Service>;
