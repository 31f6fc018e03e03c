import { z } from 'zod';
import { instantSchema } from '../shared/schemas';
import { OPEN311_STATUSES, splitCommaList } from './open311.models';

// "Optional means that the response should be the same whether a parameter is passed and is empty
// or is not passed at all": every optional field treats '' as absent.
const blankAsAbsent = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankAsAbsent, schema.optional());
const text = (max: number) => optional(z.string().trim().max(max, `must be at most ${max} characters`));
const coordinate = (limit: number) =>
  optional(z.coerce.number().min(-limit, `must be within ±${limit}`).max(limit, `must be within ±${limit}`));

/** One value, a comma-delimited list, or the parameter repeated. */
const commaList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => splitCommaList(value));

export const requestsQuerySchema = z.object({
  service_request_id: commaList,
  service_code: commaList,
  status: commaList.pipe(z.array(z.enum(OPEN311_STATUSES, { error: 'must be open or closed' }))),
  start_date: optional(instantSchema),
  end_date: optional(instantSchema),
});

/** A POST requests body (application/x-www-form-urlencoded), as the standard names its fields. */
export const serviceRequestSchema = z.object({
  service_code: z.string({ error: 'is required' }).trim().min(1, 'is required').max(64),
  lat: coordinate(90),
  long: coordinate(180),
  address_string: text(500),
  address_id: text(100),
  // "free form text limited to 4,000 characters"
  description: text(4000),
  phone: text(40),
  email: text(320),
  first_name: text(200),
  last_name: text(200),
  account_id: text(200),
  device_id: text(200),
  media_url: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000)),
});

export type ServiceRequestBody = z.infer<typeof serviceRequestSchema>;
