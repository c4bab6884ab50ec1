import TurndownService from 'turndown';
import { stripHtml } from '@scrapifie/extract';

export const CONTENT_FORMATS = ['markdown', 'html', 'text'] as const;
export type ContentFormat = (typeof CONTENT_FORMATS)[number];

const HIDDEN = /<(script|style|template|noscript|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK = /<\/?(?:address|article|aside|blockquote|br|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)\b[^>]*>/gi;

/** The readable text of an HTML body: one line per block, whitespace normalised, scripts and styles left out. */
export function htmlToText(html: string): string {
  return html
    .replace(HIDDEN, ' ')
    .split(BLOCK)
    .map((part) => stripHtml(part))
    .filter((line) => line !== '')
    .join('\n');
}

function absolute(href: string, base: string): string {
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}

/** Markdown of an HTML body (turndown), with links and images made absolute against the page URL. */
export function htmlToMarkdown(html: string, baseUrl: string): string {
  const td = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_' });
  td.remove(['script', 'style', 'noscript', 'template', 'iframe', 'head']);
  td.addRule('absoluteLinks', {
    filter: (node) => node.nodeName === 'A' && !!node.getAttribute('href'),
    replacement: (content, node) => {
      const text = content.trim();
      const href = absolute((node as HTMLElement).getAttribute('href')!, baseUrl);
      return text ? `[${text}](${href})` : '';
    },
  });
  td.addRule('absoluteImages', {
    filter: 'img',
    replacement: (_content, node) => {
      const src = (node as HTMLElement).getAttribute('src');
      if (!src) return '';
      const alt = ((node as HTMLElement).getAttribute('alt') ?? '').replace(/[[\]]/g, '');
      return `![${alt}](${absolute(src, baseUrl)})`;
    },
  });
  return td.turndown(html).trim();
}
