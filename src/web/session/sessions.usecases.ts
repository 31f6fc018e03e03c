import crypto from 'node:crypto';
import { type IdentifyTokenDeps, identifyToken, type Principal } from '../../auth/auth.middleware';
import { generateToken, hashToken } from '../../auth/auth.tokens';
import type { Templates } from '../../content/templates';
import type { OutboxRepository } from '../../outbox/outbox.repository';
import type { Clock } from '../../shared/clock';
import type { Db } from '../../shared/db';
import { AppError } from '../../shared/errors';
import { toE164 } from '../../shared/phone';
import type { Language } from '../../staff/staff.models';
import type { StaffRepository } from '../../staff/staff.repository';
import { CODE_TTL_MS, isSessionIdle, isTouchDue, judgeCode, MAX_CODES_PER_HOUR } from './sessions.models';
import type { ConsoleSession, SessionsRepository } from './sessions.repository';

export interface SignedIn {
  /** The cookie's value, shown once: only its hash is kept. */
  token: string;
  session: ConsoleSession;
}

const codeHash = (staffId: number, code: string) => hashToken(`${staffId}:${code}`);

function newSession(
  sessionsRepository: SessionsRepository,
  who: { staffId: number | null; role: Principal['role']; language: Language },
  now: Date,
): Promise<SignedIn> {
  const token = generateToken();
  return sessionsRepository
    .create({ ...who, tokenHash: hashToken(token), csrfToken: generateToken(), at: now.toISOString() })
    .then((session) => ({ token, session }));
}

export interface RequestLoginCodeDeps {
  db: Db;
  staffRepository: StaffRepository;
  sessionsRepository: SessionsRepository;
  outbox: OutboxRepository;
  templates: Templates;
  clock: Clock;
  kickOutbox: () => void;
}

/**
 * Texts a six-digit code to an active staff member's phone, through the outbox like every text.
 * A number that is no staff member's gets the same answer and no text, so the page tells nobody
 * who works here.
 */
export async function requestLoginCode(
  { db, staffRepository, sessionsRepository, outbox, templates, clock, kickOutbox }: RequestLoginCodeDeps,
  phoneInput: string,
): Promise<void> {
  const phone = toE164(phoneInput);
  if (!phone) throw new AppError(400, 'login.invalid_phone', 'That is not a phone number');
  const member = await staffRepository.findActiveByPhone(phone);
  if (!member) return;
  const now = clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  if ((await sessionsRepository.countCodesSince(member.id, hourAgo)) >= MAX_CODES_PER_HOUR) {
    throw new AppError(429, 'login.too_many_codes', 'Too many codes were sent to this phone; wait an hour');
  }
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (trx) => {
    await sessionsRepository.createCode(trx, {
      staffId: member.id,
      codeHash: codeHash(member.id, code),
      at: now.toISOString(),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    });
    await outbox.enqueue(trx, {
      to: member.phone,
      purpose: 'login_code',
      staffId: member.id,
      body: templates.render('loginCode', member.language, { code }),
    });
  });
  kickOutbox();
}

export interface VerifyLoginCodeDeps {
  staffRepository: StaffRepository;
  sessionsRepository: SessionsRepository;
  clock: Clock;
}

const CODE_REFUSALS = {
  none: 'No code was sent to this phone; ask for one',
  used: 'That code was used already; ask for a new one',
  expired: 'That code has expired; ask for a new one',
  spent: 'Too many wrong tries; ask for a new code',
  wrong: 'That code is not right',
} as const;

/** Opens a session with the newest code sent to the phone: right, unused, unexpired, tried few times. */
export async function verifyLoginCode(
  { staffRepository, sessionsRepository, clock }: VerifyLoginCodeDeps,
  phoneInput: string,
  typed: string,
): Promise<SignedIn> {
  const phone = toE164(phoneInput);
  const member = phone ? await staffRepository.findActiveByPhone(phone) : undefined;
  const now = clock.now();
  const code = member ? await sessionsRepository.findNewestCode(member.id) : undefined;
  const verdict = member ? judgeCode(code, codeHash(member.id, typed.trim()), now) : 'none';
  if (verdict !== 'ok' || !member || !code) {
    if (verdict === 'wrong' && code) await sessionsRepository.countAttempt(code.id);
    throw new AppError(401, `login.code_${verdict}`, CODE_REFUSALS[verdict === 'ok' ? 'none' : verdict]);
  }
  if (!(await sessionsRepository.useCode(code.id, now.toISOString()))) {
    throw new AppError(401, 'login.code_used', CODE_REFUSALS.used);
  }
  return newSession(
    sessionsRepository,
    { staffId: member.id, role: member.role, language: member.language },
    now,
  );
}

export interface LoginWithTokenDeps {
  adminToken: IdentifyTokenDeps['adminToken'];
  tokens: IdentifyTokenDeps['tokens'];
  staff: StaffRepository;
  clock: Clock;
  sessionsRepository: SessionsRepository;
}

/**
 * An API token (an admin's, or ADMIN_TOKEN to bootstrap) opens a session with its owner's role, in
 * its owner's language; the bootstrap admin, who is nobody, keeps the login page's.
 */
export async function loginWithToken(
  deps: LoginWithTokenDeps,
  token: string,
  pageLanguage: Language,
): Promise<SignedIn> {
  const identified = await identifyToken(deps, token.trim());
  if ('failure' in identified) throw identified.failure;
  const { principal } = identified;
  const member = principal.kind === 'staff' ? await deps.staff.findById(principal.staffId) : undefined;
  return newSession(
    deps.sessionsRepository,
    {
      staffId: member?.id ?? null,
      role: principal.role,
      language: member?.language ?? pageLanguage,
    },
    deps.clock.now(),
  );
}

export interface CurrentSession {
  session: ConsoleSession;
  principal: Principal;
}

/**
 * The live session a cookie names, or undefined: unknown, signed out, idle for 12 hours, or its
 * member deactivated (who signs in again, with whatever role they hold then).
 */
export async function findCurrentSession(
  {
    sessionsRepository,
    staffRepository,
    clock,
  }: { sessionsRepository: SessionsRepository; staffRepository: StaffRepository; clock: Clock },
  token: string,
): Promise<CurrentSession | undefined> {
  const session = await sessionsRepository.findLive(hashToken(token));
  if (!session) return undefined;
  const now = clock.now();
  const member = session.staffId === null ? undefined : await staffRepository.findById(session.staffId);
  if (isSessionIdle(session.lastSeenAt, now) || (session.staffId !== null && member?.active !== true)) {
    await sessionsRepository.end(session.id, now.toISOString());
    return undefined;
  }
  if (isTouchDue(session.lastSeenAt, now)) await sessionsRepository.touch(session.id, now.toISOString());
  const principal: Principal = member
    ? { kind: 'staff', staffId: member.id, role: member.role }
    : { kind: 'admin', role: 'admin' };
  return { session, principal };
}
