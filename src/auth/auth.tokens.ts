import crypto from 'node:crypto';

/** A bearer token: shown once, stored only as its SHA-256 hash. */
export function generateToken(): string {
  return `dl_${crypto.randomBytes(24).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(hashToken(a), 'hex');
  const right = Buffer.from(hashToken(b), 'hex');
  return crypto.timingSafeEqual(left, right);
}
