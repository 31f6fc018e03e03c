import { type Command, InvalidArgumentError } from 'commander';
import { print, withContainer } from '../cli-context';

function keyIdArgument(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidArgumentError('must be a key id such as 2');
  return Number(value);
}

// The name shows in tab-separated lists and on each case's audit trail: one short line.
function partnerNameArgument(value: string): string {
  const name = value.trim();
  if (!name || name.length > 100 || /[\t\r\n]/.test(name)) {
    throw new InvalidArgumentError('must be a name on one line, at most 100 characters');
  }
  return name;
}

/** open311 key create|list|revoke: the api_keys partners' apps file Open311 requests with. */
export function registerOpen311Commands(program: Command): void {
  const key = program
    .command('open311')
    .description('Open311 GeoReport v2 partners')
    .command('key')
    .description('API keys for Open311 POST requests');
  key
    .command('create')
    .description('issue an api_key for a partner; it is shown once')
    .requiredOption('--name <partner>', 'who the key is for, e.g. "City app"', partnerNameArgument)
    .action((options: { name: string }) =>
      withContainer(async (container) => {
        const { key: secret } = await container.open311.issueKey(options.name);
        print(secret);
      }),
    );
  key
    .command('list')
    .description('list the keys (never their secrets)')
    .action(() =>
      withContainer(async (container, config) => {
        const { formatTime } = await import('../../shared/time-format');
        print('id\tname\tcreated\trevoked');
        for (const item of await container.open311.listKeys()) {
          const times = [item.createdAt, item.revokedAt].map((at) => formatTime(at, config.timezone) ?? '-');
          print([item.id, item.name, ...times].join('\t'));
        }
      }),
    );
  key
    .command('revoke')
    .description('stop a key from working')
    .requiredOption('--id <id>', 'key id, as `open311 key list` shows it', keyIdArgument)
    .action((options: { id: number }) =>
      withContainer(async (container) => {
        await container.open311.revokeKey(options.id);
        print(`revoked Open311 key ${options.id}`);
      }),
    );
}
