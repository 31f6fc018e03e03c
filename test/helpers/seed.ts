import type { TestContext } from './context';

export const PHONES = {
  primary: '+8613800000001',
  backup: '+8613800000002',
  supervisor: '+8613800000003',
  colleague: '+8613800000004',
  citizen: '+8613912345678',
  neighbour: '+8613987654321',
};

export async function addStaff(
  ctx: TestContext,
  body: { name: string; phone: string; role: string; language?: string },
) {
  const res = await ctx.api('post', '/api/staff').send(body);
  if (res.status !== 201) throw new Error(`could not add staff: ${JSON.stringify(res.body)}`);
  return res.body as { id: number; name: string; phone: string; role: string };
}

export async function addRotation(ctx: TestContext, body: Record<string, unknown>) {
  const res = await ctx.api('post', '/api/roster/rotations').send(body);
  if (res.status !== 201) throw new Error(`could not add rotation: ${JSON.stringify(res.body)}`);
  return res.body as { id: number };
}

export async function issueToken(ctx: TestContext, staffId: number): Promise<string> {
  const res = await ctx.api('post', `/api/staff/${staffId}/tokens`);
  if (res.status !== 201) throw new Error(`could not issue a token: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/**
 * A primary, a backup and a supervisor, each alone in a 24-hour rotation handing off at 08:00
 * Shanghai time, plus a colleague on no rotation. English-speaking, so assertions read plainly.
 * The rotations were entered on 1 February at their first handoff (a rotation takes effect when it
 * is entered, never earlier), so the roster answers for every day since.
 */
export async function seedDutyTeam(ctx: TestContext) {
  const primary = await addStaff(ctx, {
    name: 'Wang Fang',
    phone: PHONES.primary,
    role: 'staff',
    language: 'en',
  });
  const backup = await addStaff(ctx, {
    name: 'Li Qiang',
    phone: PHONES.backup,
    role: 'staff',
    language: 'en',
  });
  const supervisor = await addStaff(ctx, {
    name: 'Zhao Min',
    phone: PHONES.supervisor,
    role: 'supervisor',
    language: 'en',
  });
  const colleague = await addStaff(ctx, {
    name: 'Chen Jie',
    phone: PHONES.colleague,
    role: 'staff',
    language: 'en',
  });
  const today = ctx.clock.now();
  ctx.clock.set('2027-02-01T00:00:00Z');
  try {
    for (const [position, member] of [
      ['primary', primary],
      ['backup', backup],
      ['supervisor', supervisor],
    ] as const) {
      await addRotation(ctx, {
        name: `${position} desk`,
        position,
        timezone: 'Asia/Shanghai',
        start: '2027-02-01',
        handoffTime: '08:00',
        shiftHours: 24,
        members: [member.id],
      });
    }
  } finally {
    ctx.clock.set(today);
  }
  return { primary, backup, supervisor, colleague };
}
