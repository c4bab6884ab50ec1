import type { DesignerFieldState, DesignerPaginationOption, DesignerState } from '@scrapifie/api';
import { LivePreview, ListDesigner, selectorText, type DesignerSession, type PaginationProposal, type PreviewResult, type SelectorSpec, type TierReport } from '@scrapifie/designer';
import { InvalidInputError, type PageSpec } from '@scrapifie/recipe';
import type { LoginRecording } from './login-recording.ts';

/** A selector as the studio writes it: CSS, or "xpath:<expression>". */
export function parseSelectorText(text: string): SelectorSpec {
  const t = text.trim();
  if (t === '') throw new InvalidInputError('INVALID_INPUT', 'a selector cannot be empty');
  if (t.startsWith('xpath:')) return { xpath: t.slice(6).trim() };
  if (t.startsWith('/') || t.startsWith('(')) return { xpath: t };
  return { css: t };
}

/** One designer session as the studio sees it: the live page, the list being designed, its preview and checks. */
export class StudioSession {
  readonly id: string;
  readonly session: DesignerSession;
  readonly list: ListDesigner;
  readonly preview: LivePreview;
  pagination: PaginationProposal | null = null;
  chosen: number | null = null;
  tiers: TierReport | null = null;
  /** The recorded login, if any. */
  login: LoginRecording | null = null;
  lastUsed = Date.now();
  stopFrames: (() => void) | undefined;

  constructor(id: string, session: DesignerSession) {
    this.id = id;
    this.session = session;
    this.list = new ListDesigner(session);
    this.preview = new LivePreview(session, { debounceMs: 50 });
  }

  /** The list's page spec with the chosen pagination, or null while there is no item or field yet. */
  draft(): PageSpec | null {
    if (!this.list.selection || this.list.fields().length === 0) return null;
    const spec = this.list.pageSpec();
    const part = this.chosenOption()?.recipe;
    return { ...spec, ...(part?.pagination ? { pagination: part.pagination } : {}), ...(part?.actions?.length ? { actions: part.actions } : {}) } as PageSpec;
  }

  chosenOption() {
    return this.chosen === null ? undefined : this.pagination?.options[this.chosen];
  }

  /** Re-evaluates the preview after a change and waits for its rows (the studio shows them with the state). */
  async refreshPreview(): Promise<PreviewResult | null> {
    this.tiers = null;
    const draft = this.draft();
    if (!draft) return null;
    this.preview.update({ ...draft, actions: undefined });
    return this.preview.settled();
  }

  state(): DesignerState {
    const sel = this.list.selection;
    const tierOf = (name: string): DesignerFieldState['tier'] => {
      const t = this.tiers?.fields.find((f) => f.field === name);
      return t ? { tier: t.tier, label: t.label, reason: t.reason } : null;
    };
    const fields: DesignerFieldState[] = this.list.fields().map((f) => {
      const s = f.field.css !== undefined ? { css: f.field.css } : f.field.xpath !== undefined ? { xpath: f.field.xpath } : null;
      return { name: f.name, selector: s ? selectorText(s as SelectorSpec) : null, kind: f.kind, coverage: f.coverage, items: f.items, tier: tierOf(f.name) };
    });
    const latest = this.draft() ? this.preview.latest : undefined;
    const options: DesignerPaginationOption[] = (this.pagination?.options ?? []).map((o) => ({
      kind: o.kind, label: o.label, reason: o.reason, score: o.score, selector: o.selector ? selectorText(o.selector) : null,
    }));
    return {
      sessionId: this.id,
      url: this.session.url,
      viewport: this.session.viewport(),
      items: sel ? { selector: selectorText(sel.selector), count: sel.count, examples: sel.examples, rejections: sel.rejections } : null,
      fields,
      pagination: this.pagination ? { options, proposed: this.pagination.best ? 0 : null, chosen: this.chosen } : null,
      preview: latest ? { rows: latest.rows as Array<Record<string, unknown>>, ms: Math.round(latest.ms), error: latest.error ?? null } : null,
      tiers: this.tiers ? { mode: this.tiers.mode, reason: this.tiers.reason } : null,
      recording: this.login?.state() ?? null,
    };
  }

  async close(): Promise<void> {
    this.stopFrames?.();
    this.preview.close();
    await this.session.close();
  }
}
