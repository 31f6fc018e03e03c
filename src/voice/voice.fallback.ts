import { VoiceResponse } from '../shared/twilio-parts';

// What a caller hears when the hotline itself is in trouble: Twilio's fallback URL, or any voice
// handler that failed. It needs no database and no flow, and it still takes a message.

const ZH = { voice: 'Polly.Zhiyu-Neural', language: 'cmn-CN' } as const;
const EN = { voice: 'Polly.Joanna-Neural', language: 'en-US' } as const;

export function renderFallback(publicBaseUrl: string): string {
  const response = new VoiceResponse();
  response.say(ZH, '您好，这里是24小时市民投诉热线，请在提示音后留言，说完请按井号键。');
  response.say(
    EN,
    'You have reached the 24-hour complaint hotline. Please leave a message after the tone, then press the hash key.',
  );
  response.record({
    maxLength: 180,
    finishOnKey: '#',
    timeout: 10,
    playBeep: true,
    action: `${publicBaseUrl}/twilio/voice/fallback/recorded`,
    recordingStatusCallback: `${publicBaseUrl}/twilio/voice/recording?kind=fallback`,
    recordingStatusCallbackEvent: ['completed', 'absent'],
  });
  renderThanks(response);
  return response.toString();
}

function renderThanks(response: VoiceResponse, ref?: string) {
  const digits = ref ? ref.split('').join(' ') : null;
  response.say(
    ZH,
    digits
      ? `已收到您的留言，案件编号是：${digits}。受理短信随后发送，再见。`
      : '已收到您的留言，受理短信随后发送，再见。',
  );
  response.say(
    EN,
    digits
      ? `Your message is recorded. Your reference number is ${digits}. Goodbye.`
      : 'Your message is recorded. Goodbye.',
  );
  response.hangup();
}

/** The end of a fallback call, with its reference when the case could be written. */
export function renderFallbackThanks(ref: string | null): string {
  const response = new VoiceResponse();
  renderThanks(response, ref ?? undefined);
  return response.toString();
}
