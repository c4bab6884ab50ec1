import type { OpenAPIObject } from 'trpc-to-openapi';

type Json = Record<string, unknown>;

function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function block(title: string, value: unknown): string {
  return `<details><summary>${esc(title)}</summary><pre>${esc(JSON.stringify(value, null, 2))}</pre></details>`;
}

/** A self-contained HTML page of the API (no scripts, no external assets), rendered from the OpenAPI document. */
export function renderDocsPage(doc: OpenAPIObject): string {
  const ops: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Json>)) {
      const params = ((op.parameters as Json[] | undefined) ?? []).map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})</li>`).join('');
      const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
      ops.push(`<section id="${esc(op.operationId)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>/api/v1${esc(path)}</code></h3>
<p><strong>${esc(op.summary)}</strong>${op.description ? ` ${esc(op.description)}` : ''}</p>
${params ? `<ul>${params}</ul>` : ''}
${body ? block('Request body schema', body['application/json']?.schema) : ''}
${block('Responses', op.responses)}
</section>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} — API v1</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font:13px ui-monospace,monospace}pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:30rem}
section{border-top:1px solid #ddd;padding:.5rem 0}.m{display:inline-block;min-width:4rem;font-size:13px;color:#fff;border-radius:3px;padding:0 .3rem;text-align:center}
.get{background:#2b7}.post{background:#27b}.delete{background:#b33}.put,.patch{background:#b72}</style></head>
<body><h1>${esc(doc.info.title)} — API v1</h1>
<p>${esc(doc.info.description)} The machine-readable document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
${ops.join('\n')}
</body></html>`;
}
