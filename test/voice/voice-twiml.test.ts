import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import twilio from 'twilio';
import { loadCategories } from '../../src/content/categories';
import type { Language } from '../../src/staff/staff.models';
import { encodePosition } from '../../src/voice/call-position';
import { advance, type CallPosition, startPosition } from '../../src/voice/flow.engine';
import { loadFlow } from '../../src/voice/flow.load';
import type { StateOf } from '../../src/voice/flow.schema';
import {
  type RenderFacts,
  renderState,
  renderWhisper,
  renderWhisperAnswer,
  sayText,
  type VoiceUrls,
} from '../../src/voice/voice.twiml';

// Exact XML, as Twilio receives it. Each expected document is written one element a line; the
// `twiml` tag drops those line breaks and the indentation, and nothing else.

const FLOWS = path.resolve(__dirname, '../../flows');
const flow = loadFlow(FLOWS);
const categories = loadCategories(FLOWS);

const urls: VoiceUrls = {
  step: (position, event) =>
    `https://hotline.example.org/twilio/voice/step?${encodePosition(position)}${event ? `&e=${event}` : ''}`,
  recordingCallback: (kind) => `https://hotline.example.org/twilio/voice/recording?kind=${kind}`,
};

const REF = '38041721';
const WHISPER_URL = 'https://hotline.example.org/twilio/voice/whisper?call=CA0123&a=0';
const WHISPER_ANSWER_URL = 'https://hotline.example.org/twilio/voice/whisper/answer?call=CA0123&a=0';

function twiml(strings: TemplateStringsArray): string {
  return strings
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .join('');
}

function at(language: Language, state: string, extra: Partial<CallPosition> = {}): CallPosition {
  return { ...startPosition(flow, language), state, ...extra };
}

/** States drawn into one answer, as the voice use case chains a passive state into the next. */
function render(...steps: [CallPosition, RenderFacts?][]): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const [position, facts] of steps) renderState(response, flow, position, facts ?? {}, urls);
  return response.toString();
}

function huntState(): StateOf<'dial-hunt'> {
  const state = flow.states.duty_officer;
  if (state.type !== 'dial-hunt') throw new Error('duty_officer is not a dial-hunt');
  return state;
}

function expectTwiml(actual: string, expected: string): void {
  expect(XMLValidator.validate(expected)).toBe(true);
  expect(actual).toBe(expected);
}

function greetingText(language: Language, hasOpenCase: boolean): string {
  const state = flow.states.greeting;
  if (state.type !== 'say') throw new Error('greeting is not a say state');
  return sayText(state, language, { hasOpenCase });
}

function keyedCategories(language: Language): RenderFacts['categories'] {
  return categories.list.flatMap((category) =>
    category.key ? [{ key: category.key, name: category.name[language] }] : [],
  );
}

describe('the voice flow in Chinese (zh-CN, Polly.Zhiyu-Neural)', () => {
  it('the greeting is said inside the menu, which offers English by key 9 in an English voice', () => {
    const greeting = at('zh-CN', 'greeting');
    const menu = advance(flow, greeting, { kind: 'event', name: 'next' }, new Map());

    expectTwiml(
      render([menu, { lead: [greetingText('zh-CN', false)] }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=menu&amp;l=zh-CN" actionOnEmptyResult="true">
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">您好，这里是24小时市民投诉热线，通话将被录音。</Say>
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">投诉请按1，查询案件请按2，找值班人员请按0。</Say>
            <Say voice="Polly.Joanna-Neural" language="en-US">For English, press 9.</Say>
          </Gather>
        </Response>`,
    );
  });

  it('a caller with an open case is told so inside the menu, where key 2 is heard at once', () => {
    expectTwiml(
      render([at('zh-CN', 'menu'), { lead: [greetingText('zh-CN', true)] }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=menu&amp;l=zh-CN" actionOnEmptyResult="true">
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">您好，这里是24小时市民投诉热线，通话将被录音。您有一件正在办理的案件，查询进度请按2。</Say>
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">投诉请按1，查询案件请按2，找值班人员请按0。</Say>
            <Say voice="Polly.Joanna-Neural" language="en-US">For English, press 9.</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the menu repeated after a silence carries the count in its action', () => {
    expectTwiml(
      render([at('zh-CN', 'menu', { silences: 1 })]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=menu&amp;l=zh-CN&amp;n=1" actionOnEmptyResult="true">
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">投诉请按1，查询案件请按2，找值班人员请按0。</Say>
            <Say voice="Polly.Joanna-Neural" language="en-US">For English, press 9.</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the category menu reads each category with a key from categories.json, in Chinese', () => {
    expectTwiml(
      render([at('zh-CN', 'category'), { categories: keyedCategories('zh-CN') }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=category&amp;l=zh-CN" actionOnEmptyResult="true">
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">请选择投诉类别。 噪音扰民请按1。 环境卫生请按2。 道路设施请按3。 供水排水请按4。 其他问题请按9。</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the street question listens for Mandarin speech, with the place names as hints, and always posts its action', () => {
    expectTwiml(
      render([at('zh-CN', 'street', { category: 'noise' }), { placeHints: '大理路,东关街' }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather input="speech" language="cmn-Hans-CN" hints="大理路,东关街" speechTimeout="auto" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=street&amp;l=zh-CN&amp;c=noise" actionOnEmptyResult="true">
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">请说出问题所在的街道或地点名称，不清楚请稍候。</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the recording: a beep, at most 180 s, # to finish, a status callback, and a redirect when it is empty', () => {
    expectTwiml(
      render([at('zh-CN', 'record_complaint', { category: 'noise' })]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">请在提示音后说明您的诉求，说完请按井号键。</Say>
          <Record maxLength="180" finishOnKey="#" timeout="10" playBeep="true" action="https://hotline.example.org/twilio/voice/step?s=record_complaint&amp;l=zh-CN&amp;c=noise&amp;e=recorded" recordingStatusCallback="https://hotline.example.org/twilio/voice/recording?kind=message" recordingStatusCallbackEvent="completed absent"/>
          <Redirect>https://hotline.example.org/twilio/voice/step?s=record_complaint&amp;l=zh-CN&amp;c=noise&amp;e=empty</Redirect>
        </Response>`,
    );
  });

  it('the receipt reads the reference digit by digit, twice, then hangs up', () => {
    expectTwiml(
      render([at('zh-CN', 'receipt', { category: 'noise' }), { ref: REF }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">已受理，您的案件编号是：3 8 0 4 1 7 2 1。再说一遍：3 8 0 4 1 7 2 1。受理短信随后发送，再见。</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('the reference entry asks for the digits and #', () => {
    expectTwiml(
      render([at('zh-CN', 'status_reference')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather finishOnKey="#" timeout="8" action="https://hotline.example.org/twilio/voice/step?s=status_reference&amp;l=zh-CN" actionOnEmptyResult="true">
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">请输入8位案件编号，以井号键结束。</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the retry says the reference was wrong', () => {
    expectTwiml(
      render([at('zh-CN', 'status_reference', { misses: 1 })]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather finishOnKey="#" timeout="8" action="https://hotline.example.org/twilio/voice/step?s=status_reference&amp;l=zh-CN&amp;r=1" actionOnEmptyResult="true">
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">编号有误，请重新输入8位案件编号，以井号键结束。</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the reporting number hears the status and the result, then goodbye', () => {
    const status = { ref: REF, statusText: '已办结', result: '路灯已修复。' };

    expectTwiml(
      render([at('zh-CN', 'status_answer'), { status }], [at('zh-CN', 'goodbye')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">案件3 8 0 4 1 7 2 1的状态是：已办结。办理结果：路灯已修复。</Say>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">感谢来电，再见。</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('any other number hears the status only', () => {
    const status = { ref: REF, statusText: '办理中', result: null };

    expectTwiml(
      render([at('zh-CN', 'status_answer'), { status }], [at('zh-CN', 'goodbye')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">案件3 8 0 4 1 7 2 1的状态是：办理中。</Say>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">感谢来电，再见。</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('an unknown case is said to be not found', () => {
    expectTwiml(
      render([at('zh-CN', 'status_answer'), { status: null }], [at('zh-CN', 'goodbye')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">没有找到该案件。</Say>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">感谢来电，再见。</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('the first hunt attempt says it is connecting, then dials with a whisper, 20 s, recorded', () => {
    const dial = { phone: '+8613800000001', whisperUrl: WHISPER_URL };

    expectTwiml(
      render([at('zh-CN', 'duty_officer'), { dial }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">正在为您转接值班人员，请稍候。</Say>
          <Dial action="https://hotline.example.org/twilio/voice/step?s=duty_officer&amp;l=zh-CN" timeout="20" answerOnBridge="true" record="record-from-answer-dual" recordingStatusCallback="https://hotline.example.org/twilio/voice/recording?kind=conversation" recordingStatusCallbackEvent="completed absent">
            <Number url="https://hotline.example.org/twilio/voice/whisper?call=CA0123&amp;a=0">+8613800000001</Number>
          </Dial>
        </Response>`,
    );
  });

  it('a later hunt attempt dials the next person without repeating the prompt', () => {
    const dial = { phone: '+8613800000002', whisperUrl: WHISPER_URL.replace('a=0', 'a=1') };

    expectTwiml(
      render([at('zh-CN', 'duty_officer', { attempt: 1 }), { dial }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Dial action="https://hotline.example.org/twilio/voice/step?s=duty_officer&amp;l=zh-CN&amp;a=1" timeout="20" answerOnBridge="true" record="record-from-answer-dual" recordingStatusCallback="https://hotline.example.org/twilio/voice/recording?kind=conversation" recordingStatusCallbackEvent="completed absent">
            <Number url="https://hotline.example.org/twilio/voice/whisper?call=CA0123&amp;a=1">+8613800000002</Number>
          </Dial>
        </Response>`,
    );
  });

  it('when nobody accepts, the caller is told so and records a message flagged missed', () => {
    expectTwiml(
      render(
        [at('zh-CN', 'officer_unavailable', { missed: true })],
        [at('zh-CN', 'record_complaint', { missed: true })],
      ),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">抱歉，值班人员暂时无法接听，请留言，我们会尽快回复。</Say>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">请在提示音后说明您的诉求，说完请按井号键。</Say>
          <Record maxLength="180" finishOnKey="#" timeout="10" playBeep="true" action="https://hotline.example.org/twilio/voice/step?s=record_complaint&amp;l=zh-CN&amp;m=1&amp;e=recorded" recordingStatusCallback="https://hotline.example.org/twilio/voice/recording?kind=message" recordingStatusCallbackEvent="completed absent"/>
          <Redirect>https://hotline.example.org/twilio/voice/step?s=record_complaint&amp;l=zh-CN&amp;m=1&amp;e=empty</Redirect>
        </Response>`,
    );
  });

  it('goodbye hangs up', () => {
    expectTwiml(
      render([at('zh-CN', 'goodbye')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">感谢来电，再见。</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('the whisper asks the officer to press 1, and hangs up on a voicemail that presses nothing', () => {
    expectTwiml(
      renderWhisper(flow, huntState(), 'zh-CN', WHISPER_ANSWER_URL),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="6" action="https://hotline.example.org/twilio/voice/whisper/answer?call=CA0123&amp;a=0">
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">Dutyline热线来电，接听请按1。</Say>
          </Gather>
          <Hangup/>
        </Response>`,
    );
  });
});

describe('the voice flow in English (en, Polly.Joanna-Neural)', () => {
  it('the greeting is said inside the menu, which offers Chinese by key 9 in a Chinese voice', () => {
    expectTwiml(
      render([at('en', 'menu'), { lead: [greetingText('en', false)] }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=menu&amp;l=en" actionOnEmptyResult="true">
            <Say voice="Polly.Joanna-Neural" language="en-US">You have reached the 24-hour complaint hotline. Calls are recorded.</Say>
            <Say voice="Polly.Joanna-Neural" language="en-US">To make a complaint, press 1. To check a case, press 2. To speak to the duty officer, press 0.</Say>
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">中文服务请按9。</Say>
          </Gather>
        </Response>`,
    );
  });

  it('a caller with an open case is told so inside the menu, where key 2 is heard at once', () => {
    expectTwiml(
      render([at('en', 'menu'), { lead: [greetingText('en', true)] }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=menu&amp;l=en" actionOnEmptyResult="true">
            <Say voice="Polly.Joanna-Neural" language="en-US">You have reached the 24-hour complaint hotline. Calls are recorded. You have a case in progress; press 2 for its status.</Say>
            <Say voice="Polly.Joanna-Neural" language="en-US">To make a complaint, press 1. To check a case, press 2. To speak to the duty officer, press 0.</Say>
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">中文服务请按9。</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the menu repeated after a silence carries the count in its action', () => {
    expectTwiml(
      render([at('en', 'menu', { silences: 2 })]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=menu&amp;l=en&amp;n=2" actionOnEmptyResult="true">
            <Say voice="Polly.Joanna-Neural" language="en-US">To make a complaint, press 1. To check a case, press 2. To speak to the duty officer, press 0.</Say>
            <Say voice="Polly.Zhiyu-Neural" language="cmn-CN">中文服务请按9。</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the category menu reads each category with a key from categories.json, in English', () => {
    expectTwiml(
      render([at('en', 'category'), { categories: keyedCategories('en') }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=category&amp;l=en" actionOnEmptyResult="true">
            <Say voice="Polly.Joanna-Neural" language="en-US">Please choose the kind of complaint. For Noise, press 1. For Sanitation, press 2. For Roads and street lights, press 3. For Water and drains, press 4. For Other, press 9.</Say>
          </Gather>
        </Response>`,
    );
  });

  it('with no gazetteer (no places.json) the street question still listens, with no hints', () => {
    expect(render([at('en', 'street')])).toContain(
      '<Gather input="speech" language="en-US" speechTimeout="auto" timeout="5" action=',
    );
  });

  it('the street question listens for English speech, with the English names as hints', () => {
    expectTwiml(
      render([at('en', 'street', { category: 'water' }), { placeHints: "Dali Road,Xi'an Road" }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather input="speech" language="en-US" hints="Dali Road,Xi'an Road" speechTimeout="auto" timeout="5" action="https://hotline.example.org/twilio/voice/step?s=street&amp;l=en&amp;c=water" actionOnEmptyResult="true">
            <Say voice="Polly.Joanna-Neural" language="en-US">Please say the name of the street or place where the problem is, or wait if you are not sure.</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the recording: a beep, at most 180 s, # to finish, a status callback, and a redirect when it is empty', () => {
    expectTwiml(
      render([at('en', 'record_complaint', { category: 'water' })]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Joanna-Neural" language="en-US">Please describe your complaint after the tone, then press the hash key.</Say>
          <Record maxLength="180" finishOnKey="#" timeout="10" playBeep="true" action="https://hotline.example.org/twilio/voice/step?s=record_complaint&amp;l=en&amp;c=water&amp;e=recorded" recordingStatusCallback="https://hotline.example.org/twilio/voice/recording?kind=message" recordingStatusCallbackEvent="completed absent"/>
          <Redirect>https://hotline.example.org/twilio/voice/step?s=record_complaint&amp;l=en&amp;c=water&amp;e=empty</Redirect>
        </Response>`,
    );
  });

  it('the receipt reads the reference digit by digit, twice, then hangs up', () => {
    expectTwiml(
      render([at('en', 'receipt', { category: 'water' }), { ref: REF }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Joanna-Neural" language="en-US">Thank you. Your reference number is 3 8 0 4 1 7 2 1. Again: 3 8 0 4 1 7 2 1. A text message receipt will follow. Goodbye.</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('the reference entry asks for the digits and #', () => {
    expectTwiml(
      render([at('en', 'status_reference')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather finishOnKey="#" timeout="8" action="https://hotline.example.org/twilio/voice/step?s=status_reference&amp;l=en" actionOnEmptyResult="true">
            <Say voice="Polly.Joanna-Neural" language="en-US">Please enter your 8-digit reference number, then press the hash key.</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the retry says the reference was wrong', () => {
    expectTwiml(
      render([at('en', 'status_reference', { misses: 1 })]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather finishOnKey="#" timeout="8" action="https://hotline.example.org/twilio/voice/step?s=status_reference&amp;l=en&amp;r=1" actionOnEmptyResult="true">
            <Say voice="Polly.Joanna-Neural" language="en-US">That reference is not valid. Please enter the 8 digits again, then press the hash key.</Say>
          </Gather>
        </Response>`,
    );
  });

  it('the reporting number hears the status and the result, then goodbye', () => {
    const status = { ref: REF, statusText: 'resolved', result: 'The street light was repaired.' };

    expectTwiml(
      render([at('en', 'status_answer'), { status }], [at('en', 'goodbye')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Joanna-Neural" language="en-US">Case 3 8 0 4 1 7 2 1 is resolved. The result: The street light was repaired.</Say>
          <Say voice="Polly.Joanna-Neural" language="en-US">Thank you for calling. Goodbye.</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('any other number hears the status only', () => {
    const status = { ref: REF, statusText: 'in progress', result: null };

    expectTwiml(
      render([at('en', 'status_answer'), { status }], [at('en', 'goodbye')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Joanna-Neural" language="en-US">Case 3 8 0 4 1 7 2 1 is in progress.</Say>
          <Say voice="Polly.Joanna-Neural" language="en-US">Thank you for calling. Goodbye.</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('an unknown case is said to be not found', () => {
    expectTwiml(
      render([at('en', 'status_answer'), { status: null }], [at('en', 'goodbye')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Joanna-Neural" language="en-US">We could not find that case.</Say>
          <Say voice="Polly.Joanna-Neural" language="en-US">Thank you for calling. Goodbye.</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('the first hunt attempt says it is connecting, then dials with a whisper, 20 s, recorded', () => {
    const dial = { phone: '+8613800000001', whisperUrl: WHISPER_URL };

    expectTwiml(
      render([at('en', 'duty_officer'), { dial }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Joanna-Neural" language="en-US">Connecting you to the duty officer. Please hold.</Say>
          <Dial action="https://hotline.example.org/twilio/voice/step?s=duty_officer&amp;l=en" timeout="20" answerOnBridge="true" record="record-from-answer-dual" recordingStatusCallback="https://hotline.example.org/twilio/voice/recording?kind=conversation" recordingStatusCallbackEvent="completed absent">
            <Number url="https://hotline.example.org/twilio/voice/whisper?call=CA0123&amp;a=0">+8613800000001</Number>
          </Dial>
        </Response>`,
    );
  });

  it('a later hunt attempt dials the next person without repeating the prompt', () => {
    const dial = { phone: '+8613800000003', whisperUrl: WHISPER_URL.replace('a=0', 'a=2') };

    expectTwiml(
      render([at('en', 'duty_officer', { attempt: 2 }), { dial }]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Dial action="https://hotline.example.org/twilio/voice/step?s=duty_officer&amp;l=en&amp;a=2" timeout="20" answerOnBridge="true" record="record-from-answer-dual" recordingStatusCallback="https://hotline.example.org/twilio/voice/recording?kind=conversation" recordingStatusCallbackEvent="completed absent">
            <Number url="https://hotline.example.org/twilio/voice/whisper?call=CA0123&amp;a=2">+8613800000003</Number>
          </Dial>
        </Response>`,
    );
  });

  it('when nobody accepts, the caller is told so and records a message flagged missed', () => {
    expectTwiml(
      render(
        [at('en', 'officer_unavailable', { missed: true })],
        [at('en', 'record_complaint', { missed: true })],
      ),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Joanna-Neural" language="en-US">Sorry, no duty officer can take your call right now. Please leave a message and we will get back to you.</Say>
          <Say voice="Polly.Joanna-Neural" language="en-US">Please describe your complaint after the tone, then press the hash key.</Say>
          <Record maxLength="180" finishOnKey="#" timeout="10" playBeep="true" action="https://hotline.example.org/twilio/voice/step?s=record_complaint&amp;l=en&amp;m=1&amp;e=recorded" recordingStatusCallback="https://hotline.example.org/twilio/voice/recording?kind=message" recordingStatusCallbackEvent="completed absent"/>
          <Redirect>https://hotline.example.org/twilio/voice/step?s=record_complaint&amp;l=en&amp;m=1&amp;e=empty</Redirect>
        </Response>`,
    );
  });

  it('goodbye hangs up', () => {
    expectTwiml(
      render([at('en', 'goodbye')]),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Say voice="Polly.Joanna-Neural" language="en-US">Thank you for calling. Goodbye.</Say>
          <Hangup/>
        </Response>`,
    );
  });

  it('the whisper asks the officer to press 1, and hangs up on a voicemail that presses nothing', () => {
    expectTwiml(
      renderWhisper(flow, huntState(), 'en', WHISPER_ANSWER_URL),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Gather numDigits="1" timeout="6" action="https://hotline.example.org/twilio/voice/whisper/answer?call=CA0123&amp;a=0">
            <Say voice="Polly.Joanna-Neural" language="en-US">Dutyline hotline call, press 1 to accept.</Say>
          </Gather>
          <Hangup/>
        </Response>`,
    );
  });
});

describe('the answer to the whisper', () => {
  it('an accepting key gets an empty answer, so Twilio bridges the call', () => {
    expectTwiml(renderWhisperAnswer(true), '<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('any other key hangs up the officer leg, and the caller is not bridged', () => {
    expectTwiml(
      renderWhisperAnswer(false),
      twiml`
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Hangup/>
        </Response>`,
    );
  });
});

describe('states that add nothing', () => {
  it('switching language says nothing: the menu that follows speaks the new language', () => {
    expectTwiml(
      render([at('zh-CN', 'switch_language')]),
      '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    );
  });

  it('a hunt with nobody to ring draws nothing, leaving the use case to move on', () => {
    expectTwiml(render([at('en', 'duty_officer')]), '<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});

describe('the expected documents themselves', () => {
  it('the well-formedness check catches a broken document', () => {
    expect(XMLValidator.validate('<Response><Say>unclosed</Response>')).not.toBe(true);
  });
});
