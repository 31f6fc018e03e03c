/** The webhooks of one survey call attempt; its id rides in the path, as for masked call-backs. */
export function surveyCallUrls(publicBaseUrl: string, callId: number) {
  const base = `${publicBaseUrl}/twilio/survey-calls/${callId}`;
  return {
    answer: `${base}/answer`,
    gather: `${base}/gather`,
    status: `${base}/status`,
  };
}
