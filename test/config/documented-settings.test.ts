import fs from 'node:fs';
import path from 'node:path';
import { configSchema } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('every setting the configuration reads is documented', () => {
  const variables = Object.keys(configSchema.shape);

  it.each(variables)('%s is in .env.example', (variable) => {
    expect(read('.env.example')).toMatch(new RegExp(`^${variable}=`, 'm'));
  });

  it.each(variables)("%s is in the README's configuration table", (variable) => {
    expect(read('README.md')).toContain(`\`${variable}\``);
  });
});
