import { Lazy } from '../../lazy';

// The workbench (form, materials, report, signatures, review loop) is its own chunk: the first
// screen (login, case list) does not need it. The service worker precaches the chunk, so a case
// still opens offline.
const loadWorkbench = () => import('./workbench-screen').then((m) => m.WorkbenchView);

/** 办件工作台, loaded on first use. */
export function WorkbenchScreen({ id }: { id: string }) {
  return <Lazy load={loadWorkbench} props={{ id }} label="办件工作台" />;
}
