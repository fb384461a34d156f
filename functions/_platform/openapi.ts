import * as z from 'zod';
import { createDocument } from 'zod-openapi';
import type { AnyRoute } from './route.js';

const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** The OpenAPI 3.1 document, from the same zod schemas that validate requests. */
export function buildOpenApi(routes: AnyRoute[], version: string) {
  // biome-ignore lint/suspicious/noExplicitAny: zod-openapi's path item types are deep
  const paths: Record<string, Record<string, any>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const problemResponse = { description: 'Problem', content: { 'application/problem+json': { schema: Problem } } };
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.access === 'anyone' ? { security: [] } : {}),
      'x-access': route.access,
      requestParams: {
        ...(route.params ? { path: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.idempotent ? { header: z.object({ 'Idempotency-Key': z.string().optional() }) } : {}),
      },
      ...(route.body ? { requestBody: { content: { 'application/json': { schema: route.body } } } } : {}),
      responses: {
        [String(route.status ?? 200)]: route.produces
          ? { description: 'File', content: { [route.produces]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: 'OK', ...(route.response ? { content: { 'application/json': { schema: route.response } } } : {}) },
        '4XX': problemResponse,
      },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: '八珠街社区 API', version, description: 'Service window, residents, elections, notices of 八珠街社区.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  });
}
