import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { generateFlowSchema, renderFlowSchema, SCHEMA_FILE } from '../../scripts/generate-flow-schema';

const FLOW_FILE = path.resolve(__dirname, '../../flows/voice-flow.json');

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** A real JSON Schema 2020-12 validator, as an editor would use. */
function validatorFor(schema: object) {
  return new Ajv2020({ strict: false, allErrors: true }).compile(schema);
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
      'place-question',
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
    const validate = validatorFor(readJson(SCHEMA_FILE));
    expect(validate(readJson(FLOW_FILE)) ? [] : validate.errors).toEqual([]);
  });

  it('an editor sees an unknown type, a missing translation and a misspelt key as errors', () => {
    const schema = readJson(SCHEMA_FILE);
    const flow = readJson(FLOW_FILE);
    flow.states.greeting.type = 'play';
    delete flow.states.goodbye.properties.prompt.en;
    flow.states.menu.propertes = {};

    const validate = validatorFor(schema);
    expect(validate(flow)).toBe(false);
    const failingStates = new Set(
      (validate.errors ?? []).filter((error) => error.keyword === 'oneOf').map((error) => error.instancePath),
    );
    expect([...failingStates].sort()).toEqual(['/states/goodbye', '/states/greeting', '/states/menu']);
  });
});
