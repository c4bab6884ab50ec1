import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recipeJsonSchema } from '../src/index.ts';

describe('the published JSON Schema', () => {
  it('is committed as recipe.schema.json and matches the zod schema (run `npm run schema -w @scrapifie/recipe` after a change)', () => {
    const committed = JSON.parse(readFileSync(new URL('../recipe.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(recipeJsonSchema());
  });

  it('forbids unknown fields and lists the fetch modes, so an editor can warn as the validator does', () => {
    const schema = recipeJsonSchema() as { additionalProperties?: boolean; properties: Record<string, any>; required: string[] };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'name', 'start', 'page']));
    expect(JSON.stringify(schema.properties.fetch)).toContain('"browser"');
  });
});
