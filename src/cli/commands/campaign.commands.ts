import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Actor } from '../../cases/cases.models';
import { print, withContainer } from '../cli-context';

const CLI_ACTOR: Actor = { type: 'staff', staffId: null, channel: 'cli' };
const STATUSES = ['open', 'closed'] as const;

function campaignIdArgument(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('must be a campaign id such as 3');
  return Number(value);
}

const listOf = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** campaign create|list|show|close: rectification campaigns, as POST and GET /api/campaigns. */
export function registerCampaignCommands(program: Command): void {
  const campaign = program.command('campaign').description('rectification campaigns');
  campaign
    .command('create')
    .description('start a campaign over some places and categories for [from, to)')
    .requiredOption('--name <name>', 'what the campaign is called')
    .requiredOption('--places <ids>', 'gazetteer place ids, comma separated, e.g. dali-road,minzhu-road')
    .requiredOption('--categories <ids>', 'category ids, comma separated, e.g. sanitation')
    .requiredOption('--from <time>', 'start, ISO 8601 with an offset, e.g. 2027-03-01T00:00+08:00')
    .requiredOption('--to <time>', 'end (exclusive), ISO 8601 with an offset')
    .requiredOption('--owner <id>', 'the staff id of who leads it')
    .action(
      (options: {
        name: string;
        places: string;
        categories: string;
        from: string;
        to: string;
        owner: string;
      }) =>
        withContainer(async (container, config) => {
          const [{ parseInput }, { createCampaignSchema }, { formatTime }] = await Promise.all([
            import('../../shared/http'),
            import('../../campaigns/campaigns.schemas'),
            import('../../shared/time-format'),
          ]);
          const input = parseInput(createCampaignSchema, {
            ...options,
            places: listOf(options.places),
            categories: listOf(options.categories),
          });
          const created = await container.campaigns.create(input, CLI_ACTOR);
          print(
            `campaign ${created.id}: ${created.name}, ${created.places.join(',')} × ${created.categories.join(',')}, ${formatTime(created.from, config.timezone)} to ${formatTime(created.to, config.timezone)}`,
          );
        }),
    );
  campaign
    .command('list')
    .description('campaigns, newest first: id, status, name, from, to')
    .addOption(new Option('--status <status>', 'only open or closed ones').choices(STATUSES))
    .action((options: { status?: (typeof STATUSES)[number] }) =>
      withContainer(async (container, config) => {
        const { formatTime } = await import('../../shared/time-format');
        let cursor: number | undefined;
        do {
          const page = await container.campaigns.list({ status: options.status }, { limit: 200, cursor });
          for (const found of page.items) {
            const window = [found.from, found.to].map((at) => formatTime(at, config.timezone));
            print([found.id, found.status, found.name, ...window].join('\t'));
          }
          cursor = page.next ?? undefined;
        } while (cursor !== undefined);
      }),
    );
  campaign
    .command('show')
    .description('a campaign with its figures before, during and after, and its cases, as JSON')
    .argument('<id>', 'campaign id', campaignIdArgument)
    .action((id: number) =>
      withContainer(async (container, config) => {
        const { presentCampaignDetail } = await import('../../campaigns/campaigns.presenter');
        const detail = await container.campaigns.show(id);
        const staff = await container.staffRepository.findByIds([detail.campaign.ownerId]);
        print(JSON.stringify(presentCampaignDetail(detail, { zone: config.timezone, staff }), null, 2));
      }),
    );
  campaign
    .command('close')
    .description('close a campaign with its result')
    .argument('<id>', 'campaign id', campaignIdArgument)
    .requiredOption('--result <text>', 'what the campaign achieved')
    .action((id: number, options: { result: string }) =>
      withContainer(async (container) => {
        const [{ parseInput }, { closeCampaignSchema }] = await Promise.all([
          import('../../shared/http'),
          import('../../campaigns/campaigns.schemas'),
        ]);
        const { result } = parseInput(closeCampaignSchema, options);
        const closed = await container.campaigns.close(id, result, CLI_ACTOR);
        print(`closed campaign ${closed.id}: ${closed.name}`);
      }),
    );
}
