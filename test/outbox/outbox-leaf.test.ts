import fs from 'node:fs';
import path from 'node:path';

// The outbox is a queue other capabilities use. What a delivery means for a case is the cases
// capability's business, told through the delivery-outcome hook, so the outbox imports none of them.

const OUTBOX_DIR = path.resolve(__dirname, '../../src/outbox');

function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(OUTBOX_DIR, file), 'utf8');
  return [...source.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
}

describe('the outbox is a leaf', () => {
  const files = fs.readdirSync(OUTBOX_DIR).filter((file) => file.endsWith('.ts'));

  it.each(files)('%s imports nothing but the outbox itself, shared code and libraries', (file) => {
    const foreign = importsOf(file).filter(
      (specifier) => specifier.startsWith('../') && !specifier.startsWith('../shared/'),
    );
    expect(foreign).toEqual([]);
  });

  it('writes neither cases, case events nor call-back tasks', () => {
    for (const file of files) {
      const source = fs.readFileSync(path.join(OUTBOX_DIR, file), 'utf8');
      expect({
        file,
        writes: source.match(/(insertInto|updateTable)\('(cases|case_events|callback_tasks)'\)/g),
      }).toEqual({
        file,
        writes: null,
      });
    }
  });
});
