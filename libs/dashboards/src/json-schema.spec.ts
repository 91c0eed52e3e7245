import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardJsonSchema, dashboardJsonSchemaText } from './json-schema';
import { CHART_KINDS } from './schema';

const committedSchemaFile = path.join(__dirname, '..', 'schema', 'dashboard.schema.json');

describe('dashboardJsonSchema', () => {
  it('matches the committed schema/dashboard.schema.json', () => {
    const committed = readFileSync(committedSchemaFile, 'utf8');
    expect(
      committed === dashboardJsonSchemaText(),
      'libs/dashboards/schema/dashboard.schema.json is out of date: run `npx nx run dashboards:schema` and commit the result',
    ).toBe(true);
  });

  it('describes a dashboard file with closed objects and the chart kinds', () => {
    const schema = dashboardJsonSchema();
    expect(schema).not.toHaveProperty('$schema');
    expect(schema).toMatchObject({
      $id: 'urn:uplift:dashboard:v1',
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'description', 'panels'],
      properties: { panels: { type: 'array', minItems: 1, items: { $ref: '#/$defs/panel' } } },
    });
    expect(schema).toMatchObject({
      $defs: {
        panel: { additionalProperties: false, required: ['id', 'kind', 'title', 'layout'], properties: { kind: { enum: [...CHART_KINDS] } } },
        text: { anyOf: [{ type: 'string' }, { type: 'object', required: ['en', 'zh-CN'] }] },
      },
    });
  });
});
