import twilio from 'twilio';
import type { PostForm, PostResponse } from './call-session';

/** Delivers one signed form POST; `path` includes the query string. */
export type SendSigned = (
  path: string,
  params: Record<string, string>,
  signature: string,
) => Promise<PostResponse>;

/**
 * Signs like Twilio: over PUBLIC_BASE_URL + path + query, whatever address the server is really
 * reached at, because that is the URL the server checks.
 */
export function createSignedPost(signingToken: string, publicBaseUrl: string, send: SendSigned): PostForm {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return (path, params) =>
    send(path, params, twilio.getExpectedTwilioSignature(signingToken, base + path, params));
}

/** Sends to a running server over HTTP, e.g. for `dutyline simulate call`. */
export function sendWithFetch(serverUrl: string): SendSigned {
  const server = serverUrl.replace(/\/+$/, '');
  return async (path, params, signature) => {
    const response = await fetch(server + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
      // A redirect would turn Twilio's POST into a GET; report it instead of following it.
      redirect: 'manual',
    });
    return {
      status: response.status,
      body: await response.text(),
      contentType: response.headers.get('content-type') ?? undefined,
    };
  };
}
