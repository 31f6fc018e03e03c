import { IANAZone } from 'luxon';

export function isValidIanaZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
