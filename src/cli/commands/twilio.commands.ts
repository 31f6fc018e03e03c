import type { Command } from 'commander';
import { print, readConfig, withContainer } from '../cli-context';

/** simulate sms|call (no Twilio account needed) and twilio configure (the real account). */
export function registerTwilioCommands(program: Command): void {
  const simulate = program.command('simulate').description('try the hotline with no Twilio account');
  simulate
    .command('sms')
    .description('send a signed text to a running server and print the reply')
    .requiredOption('--from <phone>', 'the sender, E.164')
    .option('--server <url>', 'where the server listens (default http://127.0.0.1:$PORT)')
    .argument('<text>', 'the text')
    .action((text: string, options: { from: string; server?: string }) =>
      withContainer(async (container, config) => {
        const { simulateSms } = await import('../simulate-sms');
        const serverUrl = options.server ?? `http://127.0.0.1:${config.port}`;
        await simulateSms(container, { from: options.from, text, serverUrl }, print);
      }),
    );
  simulate
    .command('call')
    .description(
      'call a running server from the terminal: hear the prompts, press keys, say words, answer staff phones',
    )
    .requiredOption('--from <phone>', 'the caller, E.164')
    .option('--server <url>', 'where the server listens (default http://127.0.0.1:$PORT)')
    .action((options: { from: string; server?: string }) =>
      withContainer(async (container, config) => {
        const { simulateCall } = await import('../simulate-call');
        const serverUrl = options.server ?? `http://127.0.0.1:${config.port}`;
        await simulateCall(container, { from: options.from, serverUrl }, print);
      }),
    );

  program
    .command('twilio')
    .description('the Twilio account')
    .command('configure')
    .description("point TWILIO_PHONE_NUMBER's webhooks at PUBLIC_BASE_URL")
    .action(async () => {
      const [config, { configureTwilioNumber }] = await Promise.all([
        readConfig(),
        import('../twilio-configure'),
      ]);
      if (!config.publicBaseUrl.startsWith('https://')) {
        process.stderr.write(
          `warning: ${config.publicBaseUrl} is not https; Twilio must be able to reach it\n`,
        );
      }
      const configured = await configureTwilioNumber(config);
      print(`${configured.phoneNumber} (${configured.sid}) now calls:`);
      for (const [setting, url] of Object.entries(configured.urls)) print(`  ${setting.padEnd(17)}${url}`);
    });
}
