import { type Command, Option } from 'commander';
import { LANGUAGES, type Language, ROLES, type Role } from '../../staff/staff.models';
import { daysArgument, MAX_TOKEN_DAYS, staffIdArgument, tokenIdArgument } from '../cli.arguments';
import { print, withContainer } from '../cli-context';

/** staff add|list and token create|list|revoke. */
export function registerStaffCommands(program: Command): void {
  const staff = program.command('staff').description('duty staff');
  staff
    .command('add')
    .description('register a staff member')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--phone <phone>', 'mobile number in international form, e.g. +8613800000000')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).default('staff'))
    .addOption(new Option('--language <language>', 'SMS language').choices(LANGUAGES))
    .action((options: { name: string; phone: string; role: Role; language?: Language }) =>
      withContainer(async (container) => {
        const member = await container.staffService.add(options);
        print(
          `added staff ${member.id}: ${member.name} ${member.phone} (${member.role}, ${member.language})`,
        );
      }),
    );
  staff
    .command('list')
    .description('list staff')
    .action(() =>
      withContainer(async (container) => {
        for (const member of await container.staffService.list()) {
          const state = member.active ? 'active' : 'inactive';
          print([member.id, member.name, member.phone, member.role, member.language, state].join('\t'));
        }
      }),
    );

  program
    .command('login-code')
    .description("print the console sign-in code held for a staff member's phone (offline mode)")
    .requiredOption('--phone <phone>', 'the staff member’s mobile number, e.g. +8613800000001')
    .action((options: { phone: string }) =>
      withContainer(async (container, config) => {
        const [{ AppError }, { toE164 }] = await Promise.all([
          import('../../shared/errors'),
          import('../../shared/phone'),
        ]);
        const phone = toE164(options.phone);
        if (!phone) throw new AppError(400, 'login.invalid_phone', `${options.phone} is not a phone number`);
        const message = await container.outboxRepository.findNewestTo(phone, 'login_code');
        const code = message && /\d{6}/.exec(message.body)?.[0];
        if (!message || !code) {
          throw new AppError(404, 'login.code_none', `no sign-in code was asked for ${phone}`);
        }
        // Online, the code went to the phone by SMS: it is the person's, not the operator's, to read.
        if (message.status !== 'held' || !config.offline) {
          throw new AppError(409, 'login.code_sent', `the code for ${phone} was sent by SMS; read it there`);
        }
        print(code);
      }),
    );

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('issue an API token for a staff member; it is shown once')
    .requiredOption('--staff <id>', 'staff id', staffIdArgument)
    .option(
      '--expires-in-days <days>',
      `days until it stops working (1-${MAX_TOKEN_DAYS}; default: never)`,
      daysArgument,
    )
    .action((options: { staff: number; expiresInDays?: number }) =>
      withContainer(async (container) => {
        const { token: secret } = await container.staffService.issueToken(options.staff, {
          expiresInDays: options.expiresInDays,
        });
        print(secret);
      }),
    );
  token
    .command('list')
    .description("list a staff member's tokens (never their secrets)")
    .requiredOption('--staff <id>', 'staff id', staffIdArgument)
    .action((options: { staff: number }) =>
      withContainer(async (container, config) => {
        const { presentToken } = await import('../../auth/auth.presenter');
        print('id\tcreated\texpires\trevoked\tlast used');
        for (const item of await container.staffService.listTokens(options.staff)) {
          const shown = presentToken(item, config.timezone);
          const cells = [shown.createdAt, shown.expiresAt, shown.revokedAt, shown.lastUsedAt].map(
            (cell) => cell ?? '-',
          );
          print([shown.id, ...cells].join('\t'));
        }
      }),
    );
  token
    .command('revoke')
    .description('stop one of a staff member’s tokens from working')
    .requiredOption('--staff <id>', 'staff id', staffIdArgument)
    .requiredOption('--token <id>', 'token id, as `token list` shows it', tokenIdArgument)
    .action((options: { staff: number; token: number }) =>
      withContainer(async (container) => {
        await container.staffService.revokeToken(options.staff, options.token);
        print(`revoked token ${options.token} of staff ${options.staff}`);
      }),
    );
}
