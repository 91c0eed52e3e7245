import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from './events';
import { eventsJsonSchema, eventsJsonSchemaText } from './json-schema';

const committedSchemaFile = path.join(__dirname, '..', 'schema', 'events-v1.schema.json');

describe('eventsJsonSchema', () => {
  it('matches the committed schema/events-v1.schema.json', () => {
    const committed = readFileSync(committedSchemaFile, 'utf8');
    expect(
      committed === eventsJsonSchemaText(),
      'libs/events/schema/events-v1.schema.json is out of date: run `npm run schema:generate` and commit the result',
    ).toBe(true);
  });

  it('describes the request body with one $defs entry per event type', () => {
    const schema = eventsJsonSchema();
    expect(schema).not.toHaveProperty('$schema');
    expect(schema).toMatchObject({
      $id: 'urn:uplift:events:v1',
      type: 'object',
      required: ['events'],
      properties: { events: { type: 'array', minItems: 1, maxItems: 1000 } },
    });
    expect(Object.keys(schema.$defs as object)).toEqual([...EVENT_TYPES]);
    expect(schema).toHaveProperty(
      'properties.events.items.oneOf',
      EVENT_TYPES.map((type) => ({ $ref: `#/$defs/${type}` })),
    );
  });

  it('describes what an emitter sends: defaults are optional, data stays open, the envelope is closed', () => {
    const completionShown = (eventsJsonSchema().$defs as Record<string, Record<string, unknown>>)['completion.shown'];
    expect(completionShown).toMatchObject({
      additionalProperties: false,
      required: ['id', 'type', 'time', 'actor', 'source', 'data'],
      properties: {
        data: {
          additionalProperties: {},
          required: ['suggestionId', 'lines', 'chars'],
          properties: { kind: { default: 'inline', enum: ['inline', 'next_edit'] } },
        },
      },
    });
  });
});
