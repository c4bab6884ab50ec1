// Writes recipe.schema.json (committed, for editors: "$schema": ".../recipe.schema.json").
// A test fails when the committed file drifts from the zod schema; run `npm run schema -w @scrapifie/recipe` to refresh it.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { recipeJsonSchema } from '../src/json-schema.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../recipe.schema.json', import.meta.url));
writeFileSync(SCHEMA_FILE, JSON.stringify(recipeJsonSchema(), null, 2) + '\n');
console.log(`wrote ${SCHEMA_FILE}`);
