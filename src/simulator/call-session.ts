import { randomBytes } from 'node:crypto';
import type { HeardLine } from './caller-script';
import { parseTwiml, TwimlError, type TwimlNode } from './twiml-tree';

export interface PostResponse {
  status: number;
  body: string;
  /** When the transport knows it; a TwiML answer must then be XML, or Twilio reports 12300. */
  contentType?: string;
}

/** Posts a form to the server; `path` includes the query string. Signing is the transport's job. */
export type PostForm = (path: string, params: Record<string, string>) => Promise<PostResponse>;

export interface DriverRequest {
  path: string;
  params: Record<string, string>;
  status: number;
  body: string;
}

/** A failed call, with everything the driver saw, so a test failure explains itself. */
export class CallDriverError extends Error {
  constructor(
    message: string,
    readonly requests: DriverRequest[],
    readonly transcript: HeardLine[],
  ) {
    const heard = transcript.map((line) => `  [${line.language}] ${line.say}`).join('\n');
    super(`${message}\ntranscript:\n${heard || '  (nothing heard)'}`);
    this.name = 'CallDriverError';
  }
}

export function newSid(prefix: 'CA' | 'RE'): string {
  return prefix + randomBytes(16).toString('hex');
}

export interface SessionSettings {
  post: PostForm;
  baseUrl: string;
  callSid: string;
  accountSid: string;
  startedAt: Date;
  recordingBaseUrl: string;
  talkSeconds: number;
  maxRequests: number;
}

/** One call's shared state: the simulated clock, the request log and the caller's transcript. */
export class CallSession {
  readonly requests: DriverRequest[] = [];
  readonly transcript: HeardLine[] = [];
  seconds = 0;
  private twimlRequests = 0;
  private readonly baseUrl: string;

  constructor(readonly settings: SessionSettings) {
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
  }

  fail(message: string): never {
    throw new CallDriverError(message, this.requests, this.transcript);
  }

  /** Twilio's Timestamp format, on the simulated clock. */
  timestamp(): string {
    const at = new Date(this.settings.startedAt.getTime() + this.seconds * 1000);
    return at.toUTCString().replace('GMT', '+0000');
  }

  recordingUrl(recordingSid: string): string {
    const { recordingBaseUrl, accountSid } = this.settings;
    return `${recordingBaseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`;
  }

  /** The path+query to post for a TwiML URL, resolving relative URLs against the current document. */
  pathOf(url: string, documentPath: string): string {
    if (url.startsWith(`${this.baseUrl}/`)) return url.slice(this.baseUrl.length);
    const resolved = new URL(url, this.baseUrl + documentPath).href;
    if (!resolved.startsWith(`${this.baseUrl}/`)) this.fail(`${url} is not on the server (${this.baseUrl})`);
    return resolved.slice(this.baseUrl.length);
  }

  /** Posts a webhook whose answer Twilio would execute. */
  async fetchTwiml(path: string, params: Record<string, string>): Promise<TwimlNode> {
    this.twimlRequests += 1;
    if (this.twimlRequests > this.settings.maxRequests) {
      this.fail(`more than ${this.settings.maxRequests} TwiML requests in one call: the flow loops`);
    }
    const response = await this.send(path, params);
    if (response.contentType !== undefined && !/xml/i.test(response.contentType)) {
      this.fail(`POST ${path} answered with content type ${response.contentType}, not XML`);
    }
    try {
      return parseTwiml(response.body);
    } catch (error) {
      if (error instanceof TwimlError) this.fail(`POST ${path}: ${error.message}`);
      throw error;
    }
  }

  /** Posts a callback whose answer Twilio ignores (status and recording callbacks). */
  async notify(path: string, params: Record<string, string>): Promise<void> {
    await this.send(path, params);
  }

  private async send(path: string, params: Record<string, string>): Promise<PostResponse> {
    const response = await this.settings.post(path, params);
    this.requests.push({ path, params, status: response.status, body: response.body });
    if (response.status < 200 || response.status > 299) {
      this.fail(`POST ${path} answered ${response.status}: ${response.body}`);
    }
    return response;
  }
}
