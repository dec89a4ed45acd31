// Every HTTP route of the township server in one table, gathered from the area files (each
// defines its routes next to its schemas). The server registers and validates with it
// (src/server/http/route.ts); a test proves it is the whole /api surface. Client code imports
// the area it calls instead (auth.ts, sync.ts, …), so each bundle carries only its own schemas.
import { z } from 'zod';
import { ACCOUNT_ROUTES } from './account';
import { ADMIN_ROUTES } from './admin';
import { ADMIN_CATALOG_ROUTES } from './admin-catalog';
import { AUTH_ROUTES } from './auth';
import { BLOB_ROUTES } from './blobs';
import { DIAGNOSTIC_ROUTES } from './diagnostics';
import { DIVISION_ROUTES } from './divisions';
import { LOOKUP_ROUTES } from './lookup';
import { HOLIDAY_ROUTES } from './holidays';
import { OPS_ROUTES } from './ops';
import { RECTIFICATION_ROUTES } from './rectifications';
import { REVIEW_ROUTES } from './review';
import { route } from './route-spec';
import { STATS_ROUTES } from './stats';
import { SYNC_ROUTES } from './sync';

export const Health = z.object({ ok: z.literal(true) });

export const API = {
  health: route({ method: 'GET', path: '/api/health', response: Health, public: true }),
  ready: OPS_ROUTES.ready,
  login: AUTH_ROUTES.login,
  logout: AUTH_ROUTES.logout,
  revokeSession: AUTH_ROUTES.revoke,
  me: AUTH_ROUTES.me,
  changePassword: ACCOUNT_ROUTES.changePassword,
  logoutAll: ACCOUNT_ROUTES.logoutAll,
  push: SYNC_ROUTES.push,
  pull: SYNC_ROUTES.pull,
  snapshot: SYNC_ROUTES.snapshot,
  live: SYNC_ROUTES.live,
  blobHead: BLOB_ROUTES.head,
  blobPatch: BLOB_ROUTES.patch,
  blobGet: BLOB_ROUTES.get,
  reviewList: REVIEW_ROUTES.list,
  reviewCase: REVIEW_ROUTES.detail,
  reviewOpen: REVIEW_ROUTES.open,
  reviewDecide: REVIEW_ROUTES.decide,
  stats: STATS_ROUTES.json,
  statsCsv: STATS_ROUTES.csv,
  rectifications: RECTIFICATION_ROUTES.list,
  closeRectification: RECTIFICATION_ROUTES.close,
  diagnostics: DIAGNOSTIC_ROUTES.send,
  adminUsers: ADMIN_ROUTES.users,
  adminCreateUser: ADMIN_ROUTES.createUser,
  adminUpdateUser: ADMIN_ROUTES.updateUser,
  adminDisableUser: ADMIN_ROUTES.disableUser,
  adminEnableUser: ADMIN_ROUTES.enableUser,
  adminResetPassword: ADMIN_ROUTES.resetPassword,
  adminSessions: ADMIN_ROUTES.sessions,
  adminRevokeSession: ADMIN_ROUTES.revokeSession,
  adminRevokeAllSessions: ADMIN_ROUTES.revokeAllSessions,
  adminDivisions: ADMIN_ROUTES.divisions,
  adminImportDivisions: ADMIN_ROUTES.importDivisions,
  countyDivisions: DIVISION_ROUTES.county,
  publicCase: LOOKUP_ROUTES.status,
  publicLookupBase: LOOKUP_ROUTES.base,
  adminCatalog: ADMIN_CATALOG_ROUTES.list,
  adminCatalogVersions: ADMIN_CATALOG_ROUTES.versions,
  adminCatalogSaveDraft: ADMIN_CATALOG_ROUTES.saveDraft,
  adminCatalogDiscardDraft: ADMIN_CATALOG_ROUTES.discardDraft,
  adminCatalogPublish: ADMIN_CATALOG_ROUTES.publish,
  adminCatalogWithdraw: ADMIN_CATALOG_ROUTES.withdraw,
  adminHolidays: HOLIDAY_ROUTES.list,
  adminSaveHolidayYear: HOLIDAY_ROUTES.save,
} as const;
