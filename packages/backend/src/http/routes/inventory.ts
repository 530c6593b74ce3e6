import {
  AssetDetail,
  AssetListQuery,
  AssetListResponse,
  AssetPatch,
  Facility,
  FacilityListResponse,
  IdParam,
  PageQuery,
  PortGuardError,
} from '@portguard/core';
import { z } from 'zod';
import { audited } from '../../audit/audited.js';
import { requireWrite } from '../../auth/principal.js';
import {
  getAssetScoped,
  getFacilityScoped,
  listAssetsScoped,
  listFacilitiesScoped,
  updateAssetScoped,
} from '../../db/repositories/scoped-inventory.js';
import { principal } from '../auth-hook.js';
import type { RouteModule } from './types.js';

export const inventoryRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/facilities',
    {
      schema: {
        tags: ['facilities'],
        querystring: PageQuery.extend({ port: z.string().min(1).optional() }).strict(),
        response: { 200: FacilityListResponse },
      },
    },
    async (request) => {
      const { port, limit, offset } = request.query;
      return listFacilitiesScoped(
        ctx.store.db,
        principal(request).access,
        port === undefined ? {} : { portId: port },
        { limit, offset },
      );
    },
  );

  app.get(
    '/api/facilities/:id',
    { schema: { tags: ['facilities'], params: IdParam, response: { 200: Facility } } },
    async (request) => {
      const f = await getFacilityScoped(ctx.store.db, principal(request).access, request.params.id);
      if (!f) throw new PortGuardError('not_found', `no facility ${request.params.id}`);
      return f;
    },
  );

  app.get(
    '/api/assets',
    { schema: { tags: ['assets'], querystring: AssetListQuery, response: { 200: AssetListResponse } } },
    async (request) => {
      const { limit, offset, facility, port, kind, status, maker } = request.query;
      return listAssetsScoped(
        ctx.store.db,
        principal(request).access,
        {
          ...(facility !== undefined ? { facilityId: facility } : {}),
          ...(port !== undefined ? { portId: port } : {}),
          ...(kind !== undefined ? { kind } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(maker !== undefined ? { maker } : {}),
        },
        { limit, offset },
      );
    },
  );

  app.get(
    '/api/assets/:id',
    { schema: { tags: ['assets'], params: IdParam, response: { 200: AssetDetail } } },
    async (request) => {
      const a = await getAssetScoped(ctx.store.db, principal(request).access, request.params.id);
      if (!a) throw new PortGuardError('not_found', `no asset ${request.params.id}`);
      return a;
    },
  );

  app.get(
    '/api/assets/:id/components',
    {
      schema: {
        tags: ['assets'],
        params: IdParam,
        response: { 200: z.object({ items: AssetDetail.shape.components }) },
      },
    },
    async (request) => {
      const a = await getAssetScoped(ctx.store.db, principal(request).access, request.params.id);
      if (!a) throw new PortGuardError('not_found', `no asset ${request.params.id}`);
      return { items: a.components };
    },
  );

  app.patch(
    '/api/assets/:id',
    {
      schema: {
        tags: ['assets'],
        params: IdParam,
        body: AssetPatch,
        response: { 200: AssetDetail.shape.asset },
      },
    },
    async (request) => {
      const p = principal(request);
      const access = requireWrite(p);
      const { after } = await audited(ctx.store, p, ctx.clock.now(), async (trx, record) => {
        const change = await updateAssetScoped(trx, access, request.params.id, request.body);
        await record({
          action: 'asset.update',
          entity: 'asset',
          entityId: change.after.id,
          facilityId: change.after.facilityId,
          before: change.before,
          after: change.after,
        });
        return change;
      });
      return after;
    },
  );
};
