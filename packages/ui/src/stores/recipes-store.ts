import { create } from 'zustand';
import { client, errorMessage } from '../client.ts';

export interface SavedRecipe {
  id: string;
  name: string;
  recipe: Record<string, unknown>;
  savedAt: string;
}

export interface Validation {
  valid: boolean;
  issues: Array<{ path: string; message: string }>;
}

/** Where the studio keeps its recipes until the store has a recipe library (the browser's local storage). */
export interface RecipeShelf {
  load(): SavedRecipe[];
  save(list: SavedRecipe[]): void;
}

const KEY = 'scrapifie.recipes.v1';

export const localShelf: RecipeShelf = {
  load() {
    try {
      const raw = globalThis.localStorage?.getItem(KEY);
      const list = raw ? (JSON.parse(raw) as unknown) : [];
      return Array.isArray(list) ? (list as SavedRecipe[]) : [];
    } catch {
      return [];
    }
  },
  save(list) {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(list));
  },
};

export function memoryShelf(initial: SavedRecipe[] = []): RecipeShelf {
  let list = initial;
  return { load: () => list, save: (l) => (list = l) };
}

interface RecipesState {
  recipes: SavedRecipe[];
  validation: Record<string, Validation>;
  error: string | null;
  shelf: RecipeShelf;
  load(): void;
  /** Validates with the API and keeps the recipe (defaults filled in) when valid; returns the validation. */
  save(recipe: unknown, id?: string): Promise<Validation>;
  /** Parses and saves a recipe file's text (the JSON the CLI runs). */
  importText(text: string): Promise<Validation>;
  remove(id: string): void;
  validate(id: string): Promise<Validation>;
  /** Starts a run of a saved recipe; returns the run id. */
  run(id: string): Promise<string>;
}

const newId = (): string => globalThis.crypto?.randomUUID?.() ?? `r${Date.now()}${Math.random().toString(36).slice(2)}`;

export const useRecipes = create<RecipesState>((set, get) => ({
  recipes: [],
  validation: {},
  error: null,
  shelf: localShelf,
  load() {
    set({ recipes: get().shelf.load() });
  },
  async save(recipe, id) {
    const r = await client().recipes.validate.mutate({ recipe });
    const validation = { valid: r.valid, issues: r.issues };
    if (!r.valid || !r.recipe) {
      set({ error: `The recipe is not valid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` });
      return validation;
    }
    const entry: SavedRecipe = { id: id ?? newId(), name: String(r.recipe.name ?? 'recipe'), recipe: r.recipe, savedAt: new Date().toISOString() };
    const recipes = [entry, ...get().recipes.filter((x) => x.id !== entry.id)];
    get().shelf.save(recipes);
    set({ recipes, error: null, validation: { ...get().validation, [entry.id]: validation } });
    return validation;
  },
  async importText(text) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      const message = `The file is not JSON: ${errorMessage(e)}`;
      set({ error: message });
      return { valid: false, issues: [{ path: '', message }] };
    }
    return get().save(parsed);
  },
  remove(id) {
    const recipes = get().recipes.filter((r) => r.id !== id);
    get().shelf.save(recipes);
    set({ recipes });
  },
  async validate(id) {
    const entry = get().recipes.find((r) => r.id === id);
    if (!entry) throw new Error(`no saved recipe ${id}`);
    const r = await client().recipes.validate.mutate({ recipe: entry.recipe });
    const validation = { valid: r.valid, issues: r.issues };
    set({ validation: { ...get().validation, [id]: validation } });
    return validation;
  },
  async run(id) {
    const entry = get().recipes.find((r) => r.id === id);
    if (!entry) throw new Error(`no saved recipe ${id}`);
    try {
      const r = await client().runs.start.mutate({ recipe: entry.recipe as never });
      return r.runId;
    } catch (e) {
      set({ error: errorMessage(e) });
      throw e;
    }
  },
}));
