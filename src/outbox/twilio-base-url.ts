/**
 * Moves a Twilio REST URI onto another base URL, keeping its path and query:
 * `https://api.twilio.com/2010-04-01/…?x=1` → `http://127.0.0.1:4010/2010-04-01/…?x=1`.
 * A path on the base URL is kept as a prefix.
 */
export function rebaseUri(uri: string, apiBaseUrl: string): string {
  const original = new URL(uri);
  const base = new URL(apiBaseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${original.pathname}${original.search}`;
}
