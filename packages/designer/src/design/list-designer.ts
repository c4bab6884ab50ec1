import { FieldSchema, InvalidInputError, type Field, type PageSpec } from '@scrapifie/recipe';
import type { FieldKind, ListLevel, SelectorCandidate, SelectorSpec } from '../page/types.ts';
import type { DesignerSession } from '../session/designer-session.ts';
import { fieldFromSuggestion, type DesignedField } from './field-build.ts';
import { selectorOf, toRecipeSelector } from './selectors.ts';

export interface ListSelection {
  /** The item selector (the best candidate), and its runners-up kept as the recipe's fallbacks. */
  selector: SelectorSpec;
  fallbacks: SelectorSpec[];
  /** Items it matches on the page now. */
  count: number;
  candidates: SelectorCandidate[];
  /** Repeating blocks around the first example, innermost first, to choose a smaller or bigger item. */
  levels: ListLevel[];
  examples: number;
  rejections: number;
}

export interface AddFieldOptions {
  /** Default "auto": an image when the click is on an image, else the text. */
  kind?: FieldKind | 'auto';
  /** For kind "attribute". */
  attr?: string;
  /** Default: the suggested name. */
  name?: string;
}

const FIELD_NAME = /^[A-Za-z_][\w-]*$/;

/**
 * The list part of a recipe, built by clicks: one click on an item selects every similar item; more examples widen,
 * counter-examples narrow; clicks inside an item add named fields relative to it. The page shows the items (green)
 * and the fields (orange) as highlight boxes.
 */
export class ListDesigner {
  readonly #session: DesignerSession;
  #examples: number[] = [];
  #rejections: number[] = [];
  #lift = true;
  #selection: ListSelection | undefined;
  readonly #fields = new Map<string, DesignedField>();

  constructor(session: DesignerSession) {
    this.#session = session;
  }

  get selection(): ListSelection | undefined {
    return this.#selection;
  }

  /** Starts the list over with the element at the point as its first example. */
  async select(x: number, y: number): Promise<ListSelection> {
    const ref = await this.#session.inPage('refAt', x, y);
    this.#examples = [ref];
    this.#rejections = [];
    this.#lift = true;
    this.#fields.clear();
    return this.#generalise();
  }

  /** Uses one of the selection's `levels` (a smaller or bigger repeating block) as the item. */
  async chooseLevel(levelRef: number): Promise<ListSelection> {
    this.#examples = [levelRef];
    this.#rejections = [];
    this.#lift = false;
    return this.#generalise();
  }

  /** Another example: the selection grows to cover its item and those like it. */
  async widen(x: number, y: number): Promise<ListSelection> {
    this.#needSelection('widen');
    this.#examples.push(await this.#session.inPage('refAt', x, y));
    return this.#generalise();
  }

  /** A counter-example: its item, and those more like it than like the examples, leave the selection. */
  async narrow(x: number, y: number): Promise<ListSelection> {
    this.#needSelection('narrow');
    this.#rejections.push(await this.#session.inPage('refAt', x, y));
    return this.#generalise();
  }

  /** The user's own item selector (edited by hand): checked live, it replaces the synthesised one. */
  async setSelector(selector: SelectorSpec): Promise<ListSelection> {
    const sel = toRecipeSelector(selector);
    const count = await this.#session.count(sel);
    this.#selection = { selector: sel, fallbacks: [], count, candidates: [], levels: this.#selection?.levels ?? [], examples: 0, rejections: 0 };
    await this.#highlight();
    return this.#selection;
  }

  /** A field from a click inside an item. */
  async addField(x: number, y: number, opts: AddFieldOptions = {}): Promise<DesignedField> {
    const sel = this.#needSelection('add a field');
    if (opts.name !== undefined && !FIELD_NAME.test(opts.name)) {
      throw new InvalidInputError('INVALID_INPUT', `field name "${opts.name}": use letters, digits, _ and -, starting with a letter or _`);
    }
    const target = await this.#session.inPage('refAt', x, y);
    const suggestion = await this.#session.inPage('suggestField', {
      items: sel.selector, target, kind: opts.kind ?? 'auto', ...(opts.attr === undefined ? {} : { attr: opts.attr }), taken: [...this.#fields.keys()],
    });
    const designed = fieldFromSuggestion(suggestion, opts.name);
    if (this.#fields.has(designed.name)) throw new InvalidInputError('INVALID_INPUT', `there is already a field named "${designed.name}"`);
    this.#fields.set(designed.name, designed);
    await this.#highlight();
    return designed;
  }

  /** Replaces a field's definition (the user edited its selector, take or transforms). */
  async setField(name: string, field: unknown): Promise<DesignedField> {
    const current = this.#field(name);
    const parsed = FieldSchema.safeParse(field);
    if (!parsed.success) throw new InvalidInputError('INVALID_INPUT', `field "${name}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const f: Field = parsed.data;
    const counted = await this.#session.inPage('countInItems', this.#needSelection('edit a field').selector, selectorOf(f));
    const updated: DesignedField = { ...current, field: f, coverage: counted.covered, items: counted.items };
    this.#fields.set(name, updated);
    await this.#highlight();
    return updated;
  }

  renameField(from: string, to: string): void {
    const f = this.#field(from);
    if (!FIELD_NAME.test(to)) throw new InvalidInputError('INVALID_INPUT', `field name "${to}": use letters, digits, _ and -, starting with a letter or _`);
    if (this.#fields.has(to)) throw new InvalidInputError('INVALID_INPUT', `there is already a field named "${to}"`);
    this.#fields.delete(from);
    this.#fields.set(to, { ...f, name: to });
  }

  async removeField(name: string): Promise<void> {
    this.#field(name);
    this.#fields.delete(name);
    await this.#highlight();
  }

  fields(): DesignedField[] {
    return [...this.#fields.values()];
  }

  /** The page spec of the list: items with their fields (pagination and actions are added by the caller). */
  pageSpec(): PageSpec {
    const sel = this.#needSelection('build the recipe');
    if (this.#fields.size === 0) throw new InvalidInputError('INVALID_INPUT', 'the list has no fields yet: click inside an item to add one');
    const fields: Record<string, Field> = {};
    for (const f of this.#fields.values()) fields[f.name] = f.field;
    const items = FieldSchema.parse({ ...sel.selector, ...(sel.fallbacks.length ? { fallbacks: sel.fallbacks } : {}), fields });
    return { items };
  }

  async #generalise(): Promise<ListSelection> {
    const r = await this.#session.inPage('generaliseList', this.#examples, this.#rejections, { lift: this.#lift });
    const best = r.candidates[0];
    if (!best || !best.exact) throw new InvalidInputError('INVALID_INPUT', 'no selector covers these examples without the counter-examples: remove a counter-example or an example');
    const fallbacks = r.candidates.slice(1).filter((c) => c.exact && c.matches === best.matches && !c.generated).slice(0, 2).map((c) => toRecipeSelector(c.selector));
    this.#selection = { selector: toRecipeSelector(best.selector), fallbacks, count: best.matches, candidates: r.candidates, levels: r.levels, examples: this.#examples.length, rejections: this.#rejections.length };
    await this.#highlight();
    return this.#selection;
  }

  async #highlight(): Promise<void> {
    const sel = this.#selection;
    await this.#session.inPage('highlight', 'items', sel?.selector ?? null, null);
    const fieldSels = [...this.#fields.values()].map((f) => selectorOf(f.field)).filter((s): s is SelectorSpec => s !== null);
    await this.#session.inPage('highlight', 'fields', sel && fieldSels.length ? fieldSels : null, sel?.selector ?? null);
  }

  #needSelection(what: string): ListSelection {
    if (!this.#selection) throw new InvalidInputError('INVALID_INPUT', `select the list first (click an item), then ${what}`);
    return this.#selection;
  }

  #field(name: string): DesignedField {
    const f = this.#fields.get(name);
    if (!f) throw new InvalidInputError('INVALID_INPUT', `there is no field named "${name}"`);
    return f;
  }
}
