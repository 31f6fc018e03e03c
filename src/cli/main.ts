import { Command } from 'commander';
import { AppError, OperatorError } from '../shared/errors';
import { registerCampaignCommands } from './commands/campaign.commands';
import { registerDbCommands } from './commands/db.commands';
import { registerOpen311Commands } from './commands/open311.commands';
import { registerPetitionCommands } from './commands/petition.commands';
import { registerReportCommands } from './commands/report.commands';
import { registerRosterCommands } from './commands/roster.commands';
import { registerServerCommands } from './commands/server.commands';
import { registerStaffCommands } from './commands/staff.commands';
import { registerTwilioCommands } from './commands/twilio.commands';

// `dutyline`: each command loads what it needs when it runs, so help and usage errors are instant.

const program = new Command('dutyline')
  .description('Dutyline: the 24-hour complaint hotline')
  .showHelpAfterError();
registerServerCommands(program);
registerStaffCommands(program);
registerRosterCommands(program);
registerReportCommands(program);
registerCampaignCommands(program);
registerPetitionCommands(program);
registerTwilioCommands(program);
registerDbCommands(program);
registerOpen311Commands(program);

/** Known failures are one clear line; anything else keeps its stack for a bug report. */
function describeFailure(error: unknown): string {
  if (error instanceof AppError) return `error: ${error.message} (${error.code})`;
  if (error instanceof OperatorError) return error.message;
  if (error instanceof Error && 'cause' in error && error.cause instanceof Error) {
    return `error: ${error.message}: ${error.cause.message}`;
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${describeFailure(error)}\n`);
  process.exit(1);
});
