import { lazyScreen } from '../../app/lazy-screen';
import { WORKBENCH } from '../../app/screen-chunks';

// The workbench (form, materials, report, signatures, review loop) is its own chunk: the first
// screen (login, case list) does not need it. The service worker precaches the chunk, so a case
// still opens offline.
/** 办件工作台, loaded on first use. */
export const WorkbenchScreen = lazyScreen(WORKBENCH, '办件工作台');
