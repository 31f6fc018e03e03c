import { MAX_ROW_ID } from '../../src/shared/schemas';
import type { TestContext } from '../helpers/context';
import { useHotline } from '../helpers/hotline';
import { expectError } from './api-helpers';

// Ids and id cursors are integers the store can compare. PostgreSQL's id columns are INTEGER and it
// fails a query given a larger number (SQLite would just find nothing), so a larger one is bad input
// on either store: a 400, never a 500.

const TOO_LARGE = MAX_ROW_ID + 1;
const messageCursor = (id: string) => Buffer.from(`2027-03-01T00:00:00.000Z|out|${id}`).toString('base64url');

describe('ids beyond what the store holds', () => {
  const hotline = useHotline({ online: false, team: false });
  let ctx: TestContext;

  beforeEach(() => {
    ctx = hotline.ctx;
  });

  it.each([['/api/cases?cursor='], ['/api/cases?assignee='], ['/api/calls?cursor=']])(
    'GET %s<too large> gets 400 request.invalid; the largest id is still served',
    async (path) => {
      expectError(await ctx.api('get', `${path}${TOO_LARGE}`), 400, 'request.invalid');
      expect((await ctx.api('get', `${path}${MAX_ROW_ID}`)).status).toBe(200);
    },
  );

  it('a message-log cursor naming a too large id gets 400 request.invalid', async () => {
    expectError(
      await ctx.api('get', `/api/messages?cursor=${messageCursor('99999999999999999999')}`),
      400,
      'request.invalid',
    );
    expect((await ctx.api('get', `/api/messages?cursor=${messageCursor(String(MAX_ROW_ID))}`)).status).toBe(
      200,
    );
  });

  it('PATCH /api/staff/<too large> gets 400 staff.invalid_id, the largest id 404 staff.not_found', async () => {
    expectError(
      await ctx.api('patch', `/api/staff/${TOO_LARGE}`).send({ name: 'X' }),
      400,
      'staff.invalid_id',
    );
    expectError(
      await ctx.api('patch', `/api/staff/${MAX_ROW_ID}`).send({ name: 'X' }),
      404,
      'staff.not_found',
    );
  });
});
