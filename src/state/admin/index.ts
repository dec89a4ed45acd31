// The county admin's desk state: users (with the one-time password just made, shown once) and the
// divisions import (preview with the server's dry run, then the import itself).
import { signal } from '@preact/signals';
import {
  ADMIN_ROUTES,
  type AdminUser,
  type CreateUserRequest,
  type Division,
  type DivisionsImportResponse,
  type SessionInfo,
} from '../../domain/api/admin';
import { errorMessage, type ApiClient } from '../../net';
import { loadable } from '../reviewer/loadable';

/** A file's text: UTF-8, or GBK/GB18030 as Excel saves CSV on a Chinese Windows. */
export function decodeCsv(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function createAdminState(api: ApiClient) {
  const users = loadable<AdminUser[]>();
  const divisions = loadable<Division[]>();
  /** The password to hand over, until the admin dismisses it. */
  const oneTime = signal<{ username: string; name: string; password: string } | null>(null);
  const actionError = signal<string | null>(null);
  const busy = signal(false);
  const sessions = signal<{ userId: string; list: SessionInfo[] } | null>(null);
  const preview = loadable<DivisionsImportResponse>();
  const imported = signal<DivisionsImportResponse | null>(null);

  const loadUsers = () => users.run(async () => (await api.call(ADMIN_ROUTES.users, {})).users);
  const loadDivisions = () => divisions.run(async () => (await api.call(ADMIN_ROUTES.divisions, {})).divisions);

  /** Runs an action; on success reloads the users. Resolves true when it worked. */
  const act = async (work: () => Promise<void>): Promise<boolean> => {
    busy.value = true;
    actionError.value = null;
    try {
      await work();
      await loadUsers();
      return true;
    } catch (err) {
      actionError.value = errorMessage(err);
      return false;
    } finally {
      busy.value = false;
    }
  };

  return {
    users,
    divisions,
    oneTime,
    actionError,
    busy,
    sessions,
    preview,
    imported,
    loadUsers,
    loadDivisions,
    create: (body: CreateUserRequest) =>
      act(async () => {
        const r = await api.call(ADMIN_ROUTES.createUser, { body });
        oneTime.value = { username: r.user.username, name: r.user.name, password: r.oneTimePassword };
      }),
    update: (id: string, body: { name?: string; divisionCode?: string }) =>
      act(async () => {
        await api.call(ADMIN_ROUTES.updateUser, { params: { id }, body });
      }),
    setDisabled: (id: string, disabled: boolean) =>
      act(async () => {
        await api.call(disabled ? ADMIN_ROUTES.disableUser : ADMIN_ROUTES.enableUser, { params: { id } });
        if (sessions.value?.userId === id) sessions.value = { userId: id, list: [] };
      }),
    resetPassword: (id: string) =>
      act(async () => {
        const r = await api.call(ADMIN_ROUTES.resetPassword, { params: { id }, body: {} });
        oneTime.value = { username: r.user.username, name: r.user.name, password: r.oneTimePassword };
        if (sessions.value?.userId === id) sessions.value = { userId: id, list: [] };
      }),
    showSessions: (userId: string) =>
      act(async () => {
        sessions.value = { userId, list: (await api.call(ADMIN_ROUTES.sessions, { params: { id: userId } })).sessions };
      }),
    revoke: (userId: string, sessionId: string) =>
      act(async () => {
        await api.call(ADMIN_ROUTES.revokeSession, { params: { id: userId, sessionId } });
        sessions.value = { userId, list: (await api.call(ADMIN_ROUTES.sessions, { params: { id: userId } })).sessions };
      }),
    revokeAll: (userId: string) =>
      act(async () => {
        await api.call(ADMIN_ROUTES.revokeAllSessions, { params: { id: userId } });
        sessions.value = { userId, list: (await api.call(ADMIN_ROUTES.sessions, { params: { id: userId } })).sessions };
      }),
    previewCsv: (csv: string) => {
      imported.value = null;
      return preview.run(() => api.call(ADMIN_ROUTES.importDivisions, { body: { csv, dryRun: true } }));
    },
    importCsv: async (csv: string) => {
      busy.value = true;
      actionError.value = null;
      try {
        imported.value = await api.call(ADMIN_ROUTES.importDivisions, { body: { csv } });
        preview.reset();
        await loadDivisions();
      } catch (err) {
        actionError.value = errorMessage(err);
      } finally {
        busy.value = false;
      }
    },
  };
}
export type AdminState = ReturnType<typeof createAdminState>;
