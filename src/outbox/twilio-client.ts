import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { rebaseUri } from './twilio-base-url';

export type TwilioClient = twilio.Twilio;

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_BASE_URL: a Twilio-compatible provider or a local emulator. */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

/** Long enough for a slow API answer, short enough that one stuck send does not stall the outbox. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** The package's own HTTP client, so auth, form encoding and error parsing stay Twilio's. */
class RebasingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly apiBaseUrl: string,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: rebaseUri(opts.uri, this.apiBaseUrl) });
  }
}

/**
 * The real twilio client. Its automatic 429 retries stay off: the outbox owns retries and backoff,
 * and a retry loop hidden inside one send would hold up every message behind it.
 */
export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const requestOptions = { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, autoRetry: false };
  const httpClient = options.apiBaseUrl
    ? new RebasingRequestClient(options.apiBaseUrl, requestOptions)
    : new twilio.RequestClient(requestOptions);
  return twilio(options.accountSid, options.authToken, { ...requestOptions, httpClient });
}
