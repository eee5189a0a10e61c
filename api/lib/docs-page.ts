// A self-contained API docs page: rendered on the server from the OpenAPI document, no CDN,
// no script, so it works offline and under a strict CSP.
type Doc = ReturnType<typeof import('./openapi').buildOpenApi>;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function renderDocsPage(doc: Doc): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Record<string, any> })),
  );
  const sections = ops
    .map(({ path, method, op }) => {
      const params = (op.parameters ?? []) as { name: string; in: string; required: boolean; description?: string }[];
      const body = op.requestBody?.content?.['application/json']?.schema;
      const responses = Object.entries(op.responses ?? {}) as [string, { description: string; content?: Record<string, { schema: unknown }> }][];
      return `<section id="${esc(method + path)}">
<h2><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>
<p>${esc(op.summary ?? '')}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
${params.length ? `<h3>Parameters</h3><ul>${params.map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})${p.description ? ` — ${esc(p.description)}` : ''}</li>`).join('')}</ul>` : ''}
${body ? `<h3>Request body</h3><details><summary>JSON Schema</summary><pre>${esc(JSON.stringify(body, null, 2))}</pre></details>` : ''}
<h3>Responses</h3><ul>${responses
        .map(([status, r]) => {
          const schema = r.content ? Object.values(r.content)[0]?.schema : undefined;
          return `<li><b>${esc(status)}</b> ${esc(r.description)}${schema ? `<details><summary>schema</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>` : ''}</li>`;
        })
        .join('')}</ul>
</section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Osservatorio API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
code,pre{font-family:ui-monospace,monospace}pre{background:#f4f5f7;padding:.75rem;overflow:auto;font-size:13px}
section{border-top:1px solid #dde;padding:.5rem 0}.m{display:inline-block;min-width:4rem;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:2px 6px}
.get{background:#2b6cb0}.post{background:#2f855a}.put,.patch{background:#b7791f}.delete{background:#c53030}</style></head>
<body><h1>Osservatorio API <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
<nav><ul>${ops.map(({ path, method }) => `<li><a href="#${esc(method + path)}">${esc(method.toUpperCase())} ${esc(path)}</a></li>`).join('')}</ul></nav>
${sections}</body></html>`;
}
