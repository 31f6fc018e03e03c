/**
 * The webhooks of one masked call-back. The call's own id rides in the path, so a callback that
 * arrives before Twilio's REST answer (and its CallSid) still finds its call.
 */
export function callbackCallUrls(publicBaseUrl: string, callId: number) {
  const base = `${publicBaseUrl}/twilio/callback-calls/${callId}`;
  return {
    answer: `${base}/answer`,
    gather: `${base}/gather`,
    dial: `${base}/dial`,
    recording: `${base}/recording`,
    status: `${base}/status`,
  };
}
