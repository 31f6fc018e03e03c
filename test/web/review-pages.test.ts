import { logLetter } from '../api/api-helpers';
import type { TestContext } from '../helpers/context';
import { type DutyTeam, useHotline } from '../helpers/hotline';
import { addStaff, issueToken } from '../helpers/seed';
import { type ConsoleAgent, signInWithTokenOverHttp } from './console-session';

// The collective review on the console's case page: the request form, the reviewer's opinion form,
// and the review's state with every opinion, in the page and in the history.

const SUN_PHONE = '+8613800000005';
const ZHOU_PHONE = '+8613800000006';

describe('the case page’s collective review', () => {
  const hotline = useHotline({ env: { PUBLIC_BASE_URL: 'http://localhost' } });
  let ctx: TestContext;
  let team: DutyTeam;
  let supervisor: ConsoleAgent;
  let sun: { id: number };
  let zhou: { id: number };

  beforeEach(async () => {
    ({ ctx, team } = hotline);
    sun = await addStaff(ctx, { name: 'Sun Li', phone: SUN_PHONE, role: 'supervisor', language: 'en' });
    zhou = await addStaff(ctx, { name: 'Zhou Wei', phone: ZHOU_PHONE, role: 'admin', language: 'zh-CN' });
    supervisor = await signInWithTokenOverHttp(ctx, await issueToken(ctx, team.supervisor.id));
  });

  const textOf = (html: string) =>
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/\s+/g, ' ');

  async function resolvedImportantCase(): Promise<string> {
    const { ref } = await logLetter(ctx, { priority: 'important' });
    const staffToken = await issueToken(ctx, team.primary.id);
    const resolved = await ctx
      .api('post', `/api/cases/${ref}/result`, staffToken)
      .send({ text: 'Lamp replaced' });
    expect(resolved.status).toBe(200);
    return ref;
  }

  it('a supervisor asks the leadership team, reviewers answer on the page, and every opinion shows', async () => {
    const ref = await resolvedImportantCase();
    const before = await supervisor.get(`/console/cases/${ref}`);
    expect(textOf(before.text)).toContain('Ask for a collective review');
    // The leadership team only: the officer on the case is no candidate.
    for (const id of [team.supervisor.id, sun.id, zhou.id])
      expect(before.text).toContain(`name="reviewers" value="${id}"`);
    expect(before.text).not.toContain(`name="reviewers" value="${team.primary.id}"`);

    const asked = await supervisor.agent
      .post(`/console/cases/${ref}/review`)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(supervisor.csrf)}&reviewers=${team.supervisor.id}&reviewers=${sun.id}&reviewers=${zhou.id}&quorum=2`,
      );
    expect(asked.status).toBe(303);
    expect(asked.headers.location).toBe(`/console/cases/${ref}?done=done.reviewRequested`);

    const open = textOf((await supervisor.get(`/console/cases/${ref}`)).text);
    expect(open).toContain('Under review: 2 of 3 agreeing sign it off');
    expect(open).toContain('Sun Li · No opinion yet');
    // The reviewers sign off now, not one supervisor.
    expect(open).not.toContain('Sign off');

    const sunPage = await signInWithTokenOverHttp(ctx, await issueToken(ctx, sun.id));
    expect(textOf((await sunPage.get(`/console/cases/${ref}`)).text)).toContain('Record my opinion');
    const given = await sunPage.post(`/console/cases/${ref}/review/opinions`, {
      verdict: 'disagree',
      opinion: 'No photo of the new lamp',
    });
    expect(given.headers.location).toBe(`/console/cases/${ref}?done=done.opinionRecorded`);
    const again = await sunPage.post(`/console/cases/${ref}/review/opinions`, {
      verdict: 'agree',
      opinion: 'On second thought, fine',
    });
    expect(again.headers.location).toBe(`/console/cases/${ref}?error=error.review.already_answered`);

    await ctx.sms(ZHOU_PHONE, `同意 ${ref} 已更换可以`);
    await supervisor.post(`/console/cases/${ref}/review/opinions`, {
      verdict: 'agree',
      opinion: 'Good work',
    });

    const page = textOf((await supervisor.get(`/console/cases/${ref}`)).text);
    expect(page).toContain('Signed off by the review (2 agree, 1 disagree).');
    expect(page).toContain('Sun Li · Disagrees');
    expect(page).toContain('No photo of the new lamp');
    expect(page).toContain('Zhou Wei · Agrees');
    // The history tells every step, each opinion by who and through what.
    expect(page).toContain('Collective review asked of Zhao Min, Sun Li, Zhou Wei; 2 agreeing sign it off');
    expect(page).toContain('Sun Li · on the web Review opinion: disagrees. No photo of the new lamp');
    expect(page).toContain('Zhou Wei · by text Review opinion: agrees. 已更换可以');
    expect(page).toContain('Zhao Min · on the web Review opinion: agrees. Good work');
    expect(page).toContain('Review decided: signed off (2 agree, 1 disagree)');
  });
});
