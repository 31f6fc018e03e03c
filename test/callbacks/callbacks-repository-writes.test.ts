import fs from 'node:fs';
import path from 'node:path';

// One writer per table: the callbacks repository writes call-back tasks only. The events about a
// task go on the case's audit trail through the cases repository (callbacks.tasks.ts).

describe('the callbacks repository', () => {
  it('writes only callback_tasks', () => {
    const source = fs.readFileSync(
      path.resolve(__dirname, '../../src/callbacks/callbacks.repository.ts'),
      'utf8',
    );
    const written = [...source.matchAll(/(?:insertInto|updateTable|deleteFrom)\('([a-z_]+)'\)/g)].map(
      (match) => match[1],
    );
    expect(new Set(written)).toEqual(new Set(['callback_tasks']));
  });
});
