import { openDatabase } from '../../src/shared/db';
import { migrate } from '../../src/shared/migrator';

/** A fresh in-memory database with every migration applied. */
export function createTestDatabase() {
  const opened = openDatabase(':memory:');
  migrate(opened.sqlite);
  return opened;
}
