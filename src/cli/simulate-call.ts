import type { Container } from '../container';
import { maskPhone } from '../shared/phone';
import {
  type CallResult,
  createInteractiveCaller,
  createSignedPost,
  createTerminalAsk,
  playCall,
  sendWithFetch,
  type Terminal,
} from '../simulator/index';

export interface SimulateCallOptions {
  from: string;
  /** Where the running server listens; the signature still uses PUBLIC_BASE_URL, as Twilio's would. */
  serverUrl: string;
}

export function describeCall(result: CallResult): string[] {
  const who = result.ended === 'caller-hangup' ? 'you hung up' : 'the hotline hung up';
  return [
    ...result.dialed.map(
      (dialed) =>
        `dialed ${maskPhone(dialed.phone)}: ${dialed.outcome}${dialed.bridged ? ', connected' : ''}`,
    ),
    `call ${result.callSid}: ${who} after ${result.durationSeconds} s (simulated), ${result.requests.length} requests`,
  ];
}

/** Plays a call against a running hotline, signed as Twilio would sign it, with a person answering every prompt. */
export async function simulateCall(
  container: Container,
  options: SimulateCallOptions,
  print: (line: string) => void,
  terminal: Terminal = { input: process.stdin, output: process.stdout },
): Promise<CallResult> {
  const { config, signingToken } = container;
  const { ask, close } = createTerminalAsk(terminal);
  try {
    const result = await playCall({
      post: createSignedPost(signingToken, config.publicBaseUrl, sendWithFetch(options.serverUrl)),
      baseUrl: config.publicBaseUrl,
      from: options.from,
      to: config.hotlineNumber ?? '',
      accountSid: config.twilio?.accountSid,
      // Recording URLs then point where the server's Twilio client fetches from, e.g. an emulator.
      recordingBaseUrl: config.twilioApiBaseUrl,
      caller: createInteractiveCaller(ask, print, async (phone) => {
        const member = await container.staffRepository.findByPhone(phone);
        return member && `${member.name} (${member.role})`;
      }),
    });
    for (const line of describeCall(result)) print(line);
    return result;
  } finally {
    close();
  }
}
