import type { Field } from '@scrapifie/recipe';
import { isEmptyValue, normalizeWhitespace } from '../text.ts';
import { applyTransforms, type TransformContext } from '../transforms/apply.ts';
import type { DomAdapter, Row } from '../types.ts';

export interface EvalEnv<N> extends TransformContext {
  dom: DomAdapter<N>;
}

interface Selectorish {
  css?: string | undefined;
  xpath?: string | undefined;
}

function selectWith<N>(sel: Selectorish, context: N, env: EvalEnv<N>, firstOnly: boolean): N[] {
  if (sel.css !== undefined) {
    if (!firstOnly) return env.dom.selectAll(sel.css, context);
    const one = env.dom.selectFirst(sel.css, context);
    return one === null ? [] : [one];
  }
  if (sel.xpath !== undefined) {
    const all = env.dom.selectXPath(sel.xpath, context);
    return firstOnly ? all.slice(0, 1) : all;
  }
  return [context];
}

/**
 * The nodes a field (or the item selector) points at: its css or xpath relative to the context, else the first
 * of its `fallbacks` that matches something; no selector at all means the context node itself.
 */
export function selectNodes<N>(field: Selectorish & { fallbacks?: Selectorish[] | undefined }, context: N, env: EvalEnv<N>, firstOnly: boolean): N[] {
  const nodes = selectWith(field, context, env, firstOnly);
  if (nodes.length > 0 || !field.fallbacks) return nodes;
  for (const fallback of field.fallbacks) {
    const alt = selectWith(fallback, context, env, firstOnly);
    if (alt.length > 0) return alt;
  }
  return nodes;
}

function take<N>(field: Field, node: N, env: EvalEnv<N>): string | null {
  switch (field.take ?? 'text') {
    case 'text':
      return normalizeWhitespace(env.dom.text(node));
    case 'ownText':
      return normalizeWhitespace(env.dom.ownText(node));
    case 'attr':
      return field.attr === undefined ? null : (env.dom.attr(node, field.attr) ?? null);
    case 'html':
      return env.dom.outerHtml(node);
    case 'innerHtml':
      return env.dom.innerHtml(node);
  }
}

export function evaluateField<N>(field: Field, context: N, env: EvalEnv<N>): unknown {
  let value: unknown;
  if (field.fields) {
    // A nested list: one object per match; a match missing one of its own required fields is left out.
    const nested = field.fields;
    value = selectNodes(field, context, env, false)
      .map((node) => evaluateFields(nested, node, env))
      .filter((r) => r.missing.length === 0)
      .map((r) => r.values);
  } else if (field.many) {
    value = selectNodes(field, context, env, false).map((node) => take(field, node, env));
  } else {
    const [node] = selectNodes(field, context, env, true);
    value = node === undefined ? null : take(field, node, env);
  }
  return applyTransforms(value, field.transforms, env);
}

export interface FieldsResult {
  values: Row;
  /** Names of required fields whose value is empty, in field order. */
  missing: string[];
}

export function evaluateFields<N>(fields: Record<string, Field>, context: N, env: EvalEnv<N>): FieldsResult {
  const values: Row = {};
  const missing: string[] = [];
  for (const name of Object.keys(fields)) {
    const field = fields[name] as Field;
    const v = evaluateField(field, context, env);
    values[name] = v;
    if (field.required && isEmptyValue(v)) missing.push(name);
  }
  return { values, missing };
}
