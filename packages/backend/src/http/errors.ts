import { isPortGuardError, type ErrorBody, type PortGuardErrorCode } from '@portguard/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** The one place that maps PortGuardError codes to HTTP statuses. */
export const httpStatusFor: Readonly<Record<PortGuardErrorCode, number>> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  model_too_large: 422,
  infrastructure: 503,
};

export function errorBody(error: unknown): { status: number; body: ErrorBody } {
  if (isPortGuardError(error)) {
    return {
      status: httpStatusFor[error.code],
      body: {
        code: error.code,
        message: error.message,
        issues: error.issues.map((i) => ({ code: i.code, path: [...i.path], message: i.message })),
      },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'request';
    return {
      status: 400,
      body: {
        code: 'invalid_input',
        message: `invalid ${where}`,
        issues: error.validation.map((v) => ({
          code: v.keyword,
          path: [where, ...v.instancePath.split('/').filter((p) => p !== '')],
          message: v.message ?? v.keyword,
        })),
      },
    };
  }
  const fe = error as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code =
      fe.statusCode === 413
        ? 'payload_too_large'
        : fe.statusCode === 429
          ? 'rate_limited'
          : fe.statusCode === 403
            ? 'forbidden'
            : fe.statusCode === 404
              ? 'not_found'
              : 'invalid_input';
    // Fastify's own 4xx messages describe the request (bad JSON, wrong content type, too large), not the server.
    return { status: fe.statusCode, body: { code, message: fe.message ?? code, issues: [] } };
  }
  return {
    status: 500,
    body: { code: 'internal', message: 'internal error; it has been logged', issues: [] },
  };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = errorBody(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  void reply.status(status).type('application/json').send(body);
}
