import type { TestContext } from '../helpers/context';
import { PHONES } from '../helpers/seed';

/** The campaign the tests run: sanitation on Dali Road and Minzhu Road for ten days of March. */
export const CAMPAIGN = {
  name: 'Sanitation on Dali and Minzhu Road',
  places: ['dali-road', 'minzhu-road'],
  categories: ['sanitation'],
  from: '2027-03-01T00:00:00+08:00',
  to: '2027-03-11T00:00:00+08:00',
};

/** A complaint logged from a letter at a given moment, in a category, at a place typed as staff would. */
export async function complainAt(
  ctx: TestContext,
  at: string,
  category: string,
  place: string | null,
): Promise<string> {
  ctx.clock.set(at);
  const res = await ctx.api('post', '/api/cases').send({
    phone: PHONES.citizen,
    description: 'The bins have not been emptied for a week',
    category,
    channel: 'letter',
    language: 'en',
    place,
  });
  if (res.status !== 201) throw new Error(`could not log a case: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.ref as string;
}

export type SeededCases = Awaited<ReturnType<typeof seedCampaignCases>>;

/**
 * Complaints before, during and after CAMPAIGN (Shanghai times), with some outside its places,
 * categories and windows. Hand-computed, for a campaign made over them:
 * - before [02-19, 03-01): dali 2, minzhu 1 (not the noise case, not the one on 02-18);
 * - during [03-01, 03-11): dali 1 (the 00:00 one), minzhu 3 (once `unplaced` is triaged to
 *   Minzhu Road); not Fuhui Road, not the roads case;
 * - after [03-11, 03-21): dali 1 (at 03-11 00:00 exactly), minzhu 1.
 */
export async function seedCampaignCases(ctx: TestContext) {
  const at = (local: string) => `2027-${local}+08:00`;
  const tooEarly = await complainAt(ctx, at('02-18T23:00:00'), 'sanitation', 'Dali Road');
  const before = [
    await complainAt(ctx, at('02-20T09:00:00'), 'sanitation', 'Dali Road'),
    await complainAt(ctx, at('02-25T14:30:00'), 'sanitation', '大理路'),
    await complainAt(ctx, at('02-28T23:59:00'), 'sanitation', 'Minzhu Rd'),
  ];
  const noiseBefore = await complainAt(ctx, at('02-22T22:00:00'), 'noise', 'Dali Road');
  const daliAtStart = await complainAt(ctx, at('03-01T00:00:00'), 'sanitation', 'Dali Road');
  const minzhu = await complainAt(ctx, at('03-05T10:00:00'), 'sanitation', 'Minzhu Road');
  const fuhui = await complainAt(ctx, at('03-03T10:00:00'), 'sanitation', 'Fuhui Road');
  const roadsOnDali = await complainAt(ctx, at('03-04T10:00:00'), 'roads', 'Dali Road');
  const unplaced = await complainAt(ctx, at('03-06T10:00:00'), 'sanitation', null);
  const minzhuLater = await complainAt(ctx, at('03-07T10:00:00'), 'sanitation', '民主路');
  const after = [
    await complainAt(ctx, at('03-11T00:00:00'), 'sanitation', 'Dali Road'),
    await complainAt(ctx, at('03-14T08:00:00'), 'sanitation', 'Minzhu Road'),
  ];
  return {
    tooEarly,
    before,
    noiseBefore,
    daliAtStart,
    minzhu,
    fuhui,
    roadsOnDali,
    unplaced,
    minzhuLater,
    after,
  };
}
