// The OpenAPI 3.1 document, built from the same zod schemas the validators use.
import { z } from 'zod';

export type RouteDoc = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. /api/diagnoses/{slug}/public */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  security?: 'session' | 'invitation';
};

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(where: 'path' | 'query', obj?: z.ZodObject) {
  if (!obj) return [];
  return Object.entries(obj.shape).map(([name, s]) => {
    const schema = s as z.ZodType;
    return {
      name,
      in: where,
      required: where === 'path' || !schema.safeParse(undefined).success,
      schema: jsonSchema(schema, 'input'),
      ...(schema.description ? { description: schema.description } : {}),
    };
  });
}

export function buildOpenApi(routes: RouteDoc[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      responses[status] = {
        description: res.description,
        ...(res.schema ? { content: { [res.contentType ?? 'application/json']: { schema: jsonSchema(res.schema, 'output') } } } : {}),
      };
    }
    responses.default = {
      description: 'Problem document (RFC 9457)',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      ...(r.description || r.security === 'invitation'
        ? { description: [r.description, r.security === 'invitation' ? 'Authorised by the invitation token in the path (the personal link); no account.' : ''].filter(Boolean).join(' ') }
        : {}),
      tags: r.tags,
      parameters: [...parameters('path', r.params), ...parameters('query', r.query)],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses,
      ...(r.security === 'session' ? { security: [{ session: [] }] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Osservatorio API',
      version: info.version,
      description: 'Diagnosi di Sicurezza e Legalità: signals, questionnaires, analyses. Every error is application/problem+json (RFC 9457).',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'osservatorio_session' } },
    },
  };
}
