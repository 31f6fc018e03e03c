import fs from 'node:fs';
import path from 'node:path';
import { generateFlowSchema, renderFlowSchema, SCHEMA_FILE } from '../../scripts/generate-flow-schema';

const FLOW_FILE = path.resolve(__dirname, '../../flows/voice-flow.json');

type Schema = Record<string, unknown>;

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

function ajvIfInstalled(): (new (options: object) => { compile(schema: object): ValidateFn }) | undefined {
  try {
    // ajv is not a dependency; when a developer has it, the schema is also checked by a full validator.
    return require('ajv/dist/2020').default;
  } catch {
    return undefined;
  }
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const ANNOTATIONS = new Set(['$schema', '$comment', 'title', 'description', 'default']);
const typeOf = (value: unknown) =>
  Array.isArray(value)
    ? 'array'
    : value === null
      ? 'null'
      : Number.isInteger(value)
        ? 'integer'
        : typeof value;

/**
 * Just the JSON Schema keywords the generated file uses, so the default flow is checked against
 * the schema even with no validator installed. A keyword it does not know fails the test rather
 * than passing unchecked.
 */
function schemaErrors(schema: Schema, value: unknown, at = '$'): string[] {
  const errors: string[] = [];
  const object = value as Record<string, unknown>;
  for (const [keyword, rule] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type': {
        const actual = typeOf(value);
        if (actual !== rule && !(rule === 'number' && actual === 'integer'))
          errors.push(`${at}: not ${rule}`);
        break;
      }
      case 'const':
        if (value !== rule) errors.push(`${at}: not ${JSON.stringify(rule)}`);
        break;
      case 'enum':
        if (!(rule as unknown[]).includes(value)) errors.push(`${at}: not one of ${JSON.stringify(rule)}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(rule as string, 'u').test(value))
          errors.push(`${at}: pattern`);
        break;
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (rule as number))
          errors.push(`${at}: too short`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (rule as number)) errors.push(`${at}: below ${rule}`);
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (rule as number)) errors.push(`${at}: above ${rule}`);
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (rule as number)) errors.push(`${at}: too few items`);
        break;
      case 'items':
        if (Array.isArray(value)) {
          for (const [i, item] of value.entries())
            errors.push(...schemaErrors(rule as Schema, item, `${at}[${i}]`));
        }
        break;
      case 'required':
        if (typeOf(value) === 'object') {
          for (const name of rule as string[])
            if (!(name in object)) errors.push(`${at}: ${name} is required`);
        }
        break;
      case 'properties':
        if (typeOf(value) === 'object') {
          for (const [name, sub] of Object.entries(rule as Record<string, Schema>)) {
            if (name in object) errors.push(...schemaErrors(sub, object[name], `${at}.${name}`));
          }
        }
        break;
      case 'additionalProperties':
        if (typeOf(value) === 'object') {
          const known = Object.keys((schema.properties ?? {}) as object);
          for (const [name, sub] of Object.entries(object)) {
            if (known.includes(name)) continue;
            if (rule === false) errors.push(`${at}: ${name} is not allowed`);
            else errors.push(...schemaErrors(rule as Schema, sub, `${at}.${name}`));
          }
        }
        break;
      case 'propertyNames':
        if (typeOf(value) === 'object') {
          for (const name of Object.keys(object))
            errors.push(...schemaErrors(rule as Schema, name, `${at}{${name}}`));
        }
        break;
      case 'oneOf': {
        const matching = (rule as Schema[]).filter((sub) => schemaErrors(sub, value, at).length === 0);
        if (matching.length !== 1) errors.push(`${at}: matches ${matching.length} of oneOf`);
        break;
      }
      default:
        throw new Error(`the test's validator does not know the keyword ${keyword} (at ${at}); teach it`);
    }
  }
  return errors;
}

describe('the JSON Schema editors use for flows/voice-flow.json', () => {
  it('the committed flows/voice-flow.schema.json is exactly what `npm run flows:schema` generates now', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderFlowSchema());
  });

  it('is generated from the zod schema as JSON Schema 2020-12, with every state type', () => {
    const schema = generateFlowSchema() as {
      $schema: string;
      properties: {
        states: { additionalProperties: { oneOf: { properties: { type: { const: string } } }[] } };
      };
    };

    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(
      schema.properties.states.additionalProperties.oneOf.map((state) => state.properties.type.const),
    ).toEqual([
      'say',
      'switch-language',
      'menu',
      'category-menu',
      'record',
      'case-receipt',
      'reference-entry',
      'case-status',
      'dial-hunt',
      'hangup',
    ]);
  });

  it('the default flow points editors at it', () => {
    expect(readJson(FLOW_FILE).$schema).toBe('./voice-flow.schema.json');
    expect(path.resolve(path.dirname(FLOW_FILE), readJson(FLOW_FILE).$schema)).toBe(SCHEMA_FILE);
  });

  it('the default flow is valid against it', () => {
    expect(schemaErrors(readJson(SCHEMA_FILE), readJson(FLOW_FILE))).toEqual([]);
  });

  it('an editor sees an unknown type, a missing translation and a misspelt key as errors', () => {
    const schema = readJson(SCHEMA_FILE);
    const flow = readJson(FLOW_FILE);
    flow.states.greeting.type = 'play';
    delete flow.states.goodbye.properties.prompt.en;
    flow.states.menu.propertes = {};

    expect(schemaErrors(schema, flow)).toEqual([
      '$.states.greeting: matches 0 of oneOf',
      '$.states.menu: matches 0 of oneOf',
      '$.states.goodbye: matches 0 of oneOf',
    ]);
  });

  const Ajv = ajvIfInstalled();
  (Ajv ? it : it.skip)('the default flow is valid with ajv, when it is installed', () => {
    const validate = new (Ajv as NonNullable<typeof Ajv>)({ strict: false, allErrors: true }).compile(
      readJson(SCHEMA_FILE),
    );

    expect(validate(readJson(FLOW_FILE)) ? [] : validate.errors).toEqual([]);
  });
});
