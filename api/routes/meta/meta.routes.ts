// The OpenAPI document and its human-readable page.
import { Hono } from 'hono';
import { buildOpenApi, type RouteDoc } from '../../lib/openapi';
import { renderDocsPage } from '../../lib/docs-page';

export const API_VERSION = '0.1.0';

export function metaRoutes(allDocs: RouteDoc[]) {
  const docs: RouteDoc[] = [
    ...allDocs,
    { method: 'get', path: '/api/openapi.json', summary: 'This OpenAPI 3.1 document', tags: ['meta'], responses: { 200: { description: 'OpenAPI document' } } },
    { method: 'get', path: '/api/docs', summary: 'Human-readable API reference', tags: ['meta'], responses: { 200: { description: 'HTML page' } } },
  ];
  // Built once per app: the schemas are static.
  const document = buildOpenApi(docs, { version: API_VERSION });
  const page = renderDocsPage(document);
  return new Hono().get('/openapi.json', (c) => c.json(document)).get('/docs', (c) => c.html(page));
}
