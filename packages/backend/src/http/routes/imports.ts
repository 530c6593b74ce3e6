import multipart from '@fastify/multipart';
import { PortGuardError } from '@portguard/core';
import { z } from 'zod';
import { requireRole } from '../../auth/principal.js';
import type { InputFile } from '../../io/index.js';
import { importInventory } from '../../services/inventory.js';
import { principal } from '../auth-hook.js';
import type { RouteModule } from './types.js';

const ImportResult = z.object({
  dryRun: z.boolean(),
  counts: z.record(z.string(), z.number()),
  total: z.number().int(),
});

/**
 * Inventory upload with the CLI's all-or-nothing validation: every bad row of every file comes back in one
 * 400 response and nothing is written. National inventory is managed by admins and the program office;
 * port-operators cannot import (an import file may name any facility).
 */
export const importRoutes: RouteModule = async (app, ctx, options) => {
  const maxBytes = options.importBodyLimit ?? 50 * 1024 * 1024;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 20, fields: 10, parts: 30 } });

  app.post(
    '/api/imports',
    {
      bodyLimit: maxBytes,
      schema: {
        tags: ['imports'],
        description:
          'multipart/form-data with one or more files (.csv, .xlsx, .json in the layout of docs/import-format.md). ' +
          'Errors: 400 invalid_input with one issue per bad cell, path [file, table, row, column].',
        consumes: ['multipart/form-data'],
        querystring: z
          .object({
            dryRun: z.enum(['true', 'false']).default('false'),
            table: z.string().min(1).max(50).optional(),
          })
          .strict(),
        response: { 200: ImportResult },
      },
    },
    async (request) => {
      const p = principal(request);
      requireRole(p, 'admin', 'program-office');
      if (!request.isMultipart())
        throw new PortGuardError('invalid_input', 'expected multipart/form-data with files');
      const files: InputFile[] = [];
      for await (const part of request.files()) {
        const content = await part.toBuffer();
        if (part.file.truncated)
          throw new PortGuardError('invalid_input', `${part.filename} is larger than ${maxBytes} bytes`);
        files.push({ name: part.filename, content: new Uint8Array(content) });
      }
      if (files.length === 0) throw new PortGuardError('invalid_input', 'no file in the upload');
      const dryRun = request.query.dryRun === 'true';
      const report = await importInventory(ctx, files, {
        dryRun,
        actor: p.username,
        ...(request.query.table !== undefined ? { table: request.query.table } : {}),
      });
      if (!report.ok) {
        throw new PortGuardError(
          'invalid_input',
          `${report.issues.length} problem(s) in the upload; nothing was written`,
          report.issues.map((i) => ({
            code: i.code,
            path: [
              i.file,
              ...(i.table ? [i.table] : []),
              ...(i.row !== undefined ? [i.row] : []),
              ...(i.column ? [i.column] : []),
            ],
            message: i.message,
          })),
        );
      }
      return { dryRun: report.dryRun, counts: report.counts, total: report.total };
    },
  );
};
