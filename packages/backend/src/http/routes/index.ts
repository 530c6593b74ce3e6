import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { dashboardRoutes } from './dashboard.js';
import { healthRoutes } from './health.js';
import { importRoutes } from './imports.js';
import { inventoryRoutes } from './inventory.js';
import { jobRoutes } from './jobs.js';
import { simulationRoutes } from './simulations.js';
import type { RouteModule } from './types.js';
import { trackingRoutes } from './tracking.js';
import { userRoutes } from './users.js';

/** Every feature's routes; one line per file. */
export const routes: readonly RouteModule[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  inventoryRoutes,
  importRoutes,
  auditRoutes,
  jobRoutes,
  dashboardRoutes,
  trackingRoutes,
  simulationRoutes,
];
