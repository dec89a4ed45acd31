// App state: signals + actions. UI components import from here (or, for a lazily loaded screen,
// from the module itself: this barrel brings every action module into the importer's chunk
// graph), never from storage or workers.
export { createAppState, showToast, type AppState } from './app-state';
export type { ProcessedImage } from './deps';
export { formatRoute, type AdminPage, type ReviewPage, type Route, type Router } from './router';
export { Session } from './session';
export { login, logout } from './session-actions';
export { refreshDeviceProblems } from './device-problems';
export { sendDiagnostic } from './send-diagnostic';
export { refreshStorageInfo } from './storage-info';
export { checkPersonDraft, emptyPersonDraft } from './person-form';
export { editForRoute, openPersonEdit } from './person-edit';
export { attachIdCardPhoto, savePersonDraft } from './persons';
export type { CaseRow } from './case-list';
export { dismissSyncProblem, refreshSyncStatus, retrySyncEntry, syncNow } from './sync-status';
export { openCase } from './workbench/open';
export { createNewCase } from './workbench/create';
export {
  flushCaseSave,
  savesSettled,
  setAcknowledged,
  setField,
  setMaterialData,
  setTolerance,
} from './workbench/edit';
export { addPhotos, deletePage, movePage, replacePage } from './workbench/pages';
export { profilePhotoFor, applyProfilePhoto } from './workbench/profile-photos';
export { clearSignature, signMaterial, type SignerRole } from './workbench/sign';
export { recallOpenCase, submitOpenCase } from './workbench/submit';
export { buildNotice, HANDLING_LABELS } from './workbench/notice';
export type { OutboxEntry } from '../storage';
export type { Finding, MaterialStatus } from '../domain/rules';
