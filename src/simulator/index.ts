export { type CallResult, type PlayCallOptions, playCall } from './call-driver';
export {
  CallDriverError,
  type DriverRequest,
  type PostForm,
  type PostResponse,
} from './call-session';
export {
  type CallerAction,
  type CallerScript,
  type CallScript,
  type DialOutcome,
  type HeardLine,
  type InputContext,
  type Leg,
  scriptedCaller,
} from './caller-script';
export type { DialedNumber } from './dial-verb';
export { gatheredDigits } from './gather-verb';
export { type Ask, createInteractiveCaller, createTerminalAsk, type Terminal } from './interactive-caller';
export {
  type OutboundCallRequest,
  type OutboundCallResult,
  type OutboundOutcome,
  type PlayOutboundCallOptions,
  playOutboundCall,
} from './outbound-call';
export { createSignedPost, type SendSigned, sendWithFetch } from './signed-post';
export type { StatusCallbackDelivery } from './status-callbacks';
export { parseTwiml, TwimlError, type TwimlNode } from './twiml-tree';
