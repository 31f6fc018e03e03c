import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import {
  generatePlacesSchema,
  PLACES_SCHEMA_FILE,
  renderPlacesSchema,
} from '../../scripts/generate-flow-schema';
import { ContentError } from '../../src/content/content.errors';
import { buildPlaces, loadPlaces } from '../../src/content/places';
import { validateContent } from '../../src/content/validate';
import type { Place } from '../../src/places/places.models';
import { runCli } from '../helpers/server-process';

const FLOWS = path.resolve(__dirname, '../../flows');
const dirs: string[] = [];

// biome-ignore lint/suspicious/noExplicitAny: the gazetteer is edited as raw JSON, the way a bureau edits it
type RawPlaces = any;

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** A copy of the shipped flows/, with places.json edited (or removed, when `edit` returns null). */
function flowsWithPlaces(edit: (places: RawPlaces) => RawPlaces | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-places-'));
  dirs.push(dir);
  for (const file of fs.readdirSync(FLOWS)) fs.copyFileSync(path.join(FLOWS, file), path.join(dir, file));
  const edited = edit(readJson(path.join(FLOWS, 'places.json')));
  if (edited === null) fs.rmSync(path.join(dir, 'places.json'));
  else fs.writeFileSync(path.join(dir, 'places.json'), JSON.stringify(edited, null, 2));
  return dir;
}

function failureOf(check: () => unknown): Error {
  try {
    check();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

function place(id: string, zh: string, en: string, aliases: string[] = []): Place {
  return { id, name: { 'zh-CN': zh, en }, aliases, district: '古城区', kind: 'street' };
}

afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the shipped gazetteer, flows/places.json', () => {
  it("holds the streets of the bureau's rectification campaign, Dongguan Street, and some communities and markets", () => {
    const places = loadPlaces(FLOWS);

    expect(
      places.list.filter((found) => found.kind === 'street').map((found) => found.name['zh-CN']),
    ).toEqual(['大理路', '民主路', '福慧路', '香格里拉大道', '象山路', '西安路', '玉泉路', '东关街']);
    expect(places.get('shangri-la-avenue')?.name.en).toBe('Shangri-La Avenue');
    expect(places.name('dongguan-street', 'en')).toBe('Dongguan Street');
    expect(new Set(places.list.map((found) => found.kind))).toEqual(
      new Set(['street', 'community', 'market', 'landmark']),
    );
    expect(places.match('大理路菜市场门口很脏')?.id).toBe('dali-road-market');
  });

  it('passes the content check, which names it among the files it checked', () => {
    expect(validateContent(FLOWS)).toContain(path.join(FLOWS, 'places.json'));
  });
});

describe('the JSON Schema editors use for flows/places.json', () => {
  const validatorFor = (schema: object) => new Ajv2020({ strict: false, allErrors: true }).compile(schema);

  it('the committed flows/places.schema.json is exactly what `npm run flows:schema` generates now', () => {
    expect(fs.readFileSync(PLACES_SCHEMA_FILE, 'utf8')).toBe(renderPlacesSchema());
    expect(generatePlacesSchema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('the shipped gazetteer points editors at it and is valid against it', () => {
    const places = readJson(path.join(FLOWS, 'places.json'));
    expect(path.resolve(FLOWS, places.$schema)).toBe(PLACES_SCHEMA_FILE);
    const validate = validatorFor(readJson(PLACES_SCHEMA_FILE));
    expect(validate(places) ? [] : validate.errors).toEqual([]);
  });

  it('an editor sees an empty name, an unknown kind and a misspelt key as errors', () => {
    const places = readJson(path.join(FLOWS, 'places.json'));
    places.places[0].name.en = '';
    places.places[1].kind = 'alley';
    places.places[2].alias = ['x'];

    const validate = validatorFor(readJson(PLACES_SCHEMA_FILE));
    expect(validate(places)).toBe(false);
    expect(new Set((validate.errors ?? []).map((error) => error.instancePath))).toEqual(
      new Set(['/places/0/name/en', '/places/1/kind', '/places/2']),
    );
  });
});

describe('a broken gazetteer is refused with one line naming the place', () => {
  it.each([
    [
      'an alias shared by two places, even in another width and case',
      [
        place('dali-road', '大理路', 'Dali Road'),
        place('dali-lane', '大理巷', 'Dali Lane', ['ＤＡＬＩ road']),
      ],
      'places.json: place "dali-lane": "ＤＡＬＩ road" is already a name or alias of place "dali-road"',
    ],
    [
      'a duplicate id',
      [place('dali-road', '大理路', 'Dali Road'), place('dali-road', '民主路', 'Minzhu Road')],
      'places.json: place id "dali-road" is used by two places',
    ],
    [
      'an empty name',
      [place('dali-road', '大理路', '  ')],
      'places.json: place "dali-road": the en name is empty',
    ],
    [
      'an empty alias',
      [place('dali-road', '大理路', 'Dali Road', ['Dali Rd', '\u3000'])],
      'places.json: place "dali-road": an alias is empty',
    ],
  ])('%s', (_case, list, message) => {
    expect(() => buildPlaces(list)).toThrow(new ContentError(message));
  });

  it('the same alias twice on one place is harmless', () => {
    expect(
      buildPlaces([place('dali-road', '大理路', 'Dali Road', ['dali road'])]).match('dali road')?.id,
    ).toBe('dali-road');
  });

  it('`dutyline flows check` refuses a duplicate alias: one line on stderr naming the file and both places, exit 1', async () => {
    const dir = flowsWithPlaces((file) => {
      file.places.find((found: Place) => found.id === 'minzhu-road').aliases.push('大理路');
      return file;
    });

    const checked = await runCli(['flows', 'check'], { FLOWS_DIR: dir });

    expect(checked).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `${dir}/places.json: place "minzhu-road": "大理路" is already a name or alias of place "dali-road"\n`,
    });
  });

  it('a gazetteer needs the receipt that names the place', () => {
    const dir = flowsWithPlaces((file) => file);
    const templatesFile = path.join(dir, 'sms-templates.json');
    const templates = readJson(templatesFile);
    delete templates.receiptWithPlace;
    fs.writeFileSync(templatesFile, JSON.stringify(templates));

    expect(failureOf(() => validateContent(dir)).message).toBe(
      `${dir}/sms-templates.json: template "receiptWithPlace" is missing; places.json needs it`,
    );
  });
});

describe('a flows directory without places.json', () => {
  it('has no gazetteer, matches no place, and passes the check without it or its receipt', () => {
    const dir = flowsWithPlaces(() => null);
    const templatesFile = path.join(dir, 'sms-templates.json');
    const templates = readJson(templatesFile);
    delete templates.receiptWithPlace;
    fs.writeFileSync(templatesFile, JSON.stringify(templates));

    const places = loadPlaces(dir);
    expect(places.list).toEqual([]);
    expect(places.match('东关街垃圾桶满了')).toBeUndefined();
    expect(validateContent(dir)).toEqual([
      path.join(dir, 'categories.json'),
      path.join(dir, 'sms-keywords.json'),
      path.join(dir, 'sms-templates.json'),
      path.join(dir, 'voice-flow.json'),
    ]);
  });
});
