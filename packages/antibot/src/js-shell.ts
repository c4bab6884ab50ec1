import { noscriptText, visibleText } from './page-text.ts';

/** Below this many characters of visible text a page with scripts counts as an empty shell. */
const SHELL_TEXT_LIMIT = 200;

const APP_ROOT = /<(div|main|section)\b[^<>]{0,500}?\b(?:id\s*=\s*["'](?:root|app|__next|__nuxt|svelte|main-app|application)["']|data-reactroot|ng-app)[^<>]{0,500}>\s*(?:(?:loading|please wait)[^<]{0,30})?<\/\1\s*>/i;
const APP_ROOT_TAG = /<app-root\b[^>]*>\s*<\/app-root\s*>/i;
const NEEDS_JS = /\b(?:enable|turn on|activate|requires?|need|needs|required)\b[^.]{0,60}\bjavascript\b|\bjavascript\b[^.]{0,60}\b(?:is (?:required|disabled|needed|off)|must be enabled|to (?:run|use|view|continue))/i;

/**
 * Why the page is a JavaScript-only shell (a reader without a browser sees nothing), or undefined.
 * It has scripts, almost no visible text, and either a <noscript> asking for JavaScript or an empty app root.
 */
export function jsShellReason(html: string): string | undefined {
  if (!/<script\b/i.test(html)) return undefined;
  const text = visibleText(html);
  if (text.length >= SHELL_TEXT_LIMIT) return undefined;
  const noscript = noscriptText(html);
  const signals: string[] = [];
  if (NEEDS_JS.test(noscript)) signals.push(`<noscript> says "${noscript.slice(0, 80)}"`);
  const root = APP_ROOT.exec(html)?.[0] ?? APP_ROOT_TAG.exec(html)?.[0];
  if (root) signals.push(`empty app root ${root.replace(/\s+/g, ' ').slice(0, 60)}`);
  if (signals.length === 0) return undefined;
  return `JavaScript-only page: ${text.length} characters of visible text; ${signals.join('; ')}`;
}
