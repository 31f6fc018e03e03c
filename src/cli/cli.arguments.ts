import { InvalidArgumentError } from 'commander';
import { MAX_TOKEN_DAYS } from '../auth/auth.models';

export function staffIdArgument(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('must be a staff id such as 12');
  return Number(value);
}

export function tokenIdArgument(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('must be a token id such as 3');
  return Number(value);
}

export function daysArgument(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw new InvalidArgumentError(`must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}`);
  }
  return days;
}

export { MAX_TOKEN_DAYS };
