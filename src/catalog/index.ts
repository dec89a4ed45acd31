// The service catalogue (事项清单). Every item is parsed through the domain schema when this
// module loads, so a broken item fails the first import (and every test), never a villager's case.
import { ServiceItem } from '../domain/schemas/catalog';
import type { ServiceItemInput } from './common/types';
import { item as clCjbt } from './items/cl-cjbt';
import { item as clCjrzXb } from './items/cl-cjrz-xb';
import { item as gaCsdj } from './items/ga-csdj';
import { item as gaSfzBl } from './items/ga-sfz-bl';
import { item as gjjTq } from './items/gjj-tq';
import { item as mzDbSq } from './items/mz-db-sq';
import { item as mzGljt } from './items/mz-gljt';
import { item as mzLnrydz } from './items/mz-lnrydz';
import { item as mzLsjz } from './items/mz-lsjz';
import { item as mzTkgy } from './items/mz-tkgy';
import { item as nyZjdSq } from './items/ny-zjd-sq';
import { item as sbJmylCb } from './items/sb-jmyl-cb';
import { item as sbJmylRz } from './items/sb-jmyl-rz';
import { item as sbJmylZx } from './items/sb-jmyl-zx';
import { item as sbSbkBl } from './items/sb-sbk-bl';
import { item as scGtgshSl } from './items/sc-gtgsh-sl';
import { item as wjSydj } from './items/wj-sydj';
import { item as ybJmcbDj } from './items/yb-jmcb-dj';
import { item as ybLxbx } from './items/yb-lxbx';
import { item as clEtkf } from './items/cl-etkf';
import { item as mzGrShf } from './items/mz-gr-shf';
import { item as mzYljz } from './items/mz-yljz';
import { item as nyGdlb } from './items/ny-gdlb';
import { item as nyNybxLp } from './items/ny-nybx-lp';
import { item as rsJycyz } from './items/rs-jycyz';
import { item as sbJmylDy } from './items/sb-jmyl-dy';
import { item as tyYdz } from './items/ty-ydz';
import { item as wjJlfz } from './items/wj-jlfz';
import { item as ybYdjyBa } from './items/yb-ydjy-ba';
import { item as zfWfgz } from './items/zf-wfgz';

/**
 * Raised when any item changes, and each changed item raises its own `version`: a county's server
 * takes a built-in item only when its version is higher (`npm run catalog:release` records them).
 */
export const CATALOG_VERSION = 4;

/** Categories in the order the item picker shows them. */
export const CATEGORIES = [
  '社会保障',
  '就业创业',
  '医疗保障',
  '社会救助',
  '养老服务',
  '残疾人服务',
  '卫生健康',
  '户籍证件',
  '市场主体',
  '住房',
  '农业农村',
  '退役军人服务',
] as const;

export const CATALOG_INPUTS: readonly ServiceItemInput[] = [
  ybJmcbDj,
  ybLxbx,
  sbJmylCb,
  sbJmylRz,
  sbJmylZx,
  sbSbkBl,
  mzDbSq,
  mzLsjz,
  mzTkgy,
  mzGljt,
  mzLnrydz,
  clCjrzXb,
  clCjbt,
  wjSydj,
  gaCsdj,
  gaSfzBl,
  scGtgshSl,
  gjjTq,
  nyZjdSq,
  // Issue 15: items county lists of 村级代办事项 hold beyond the first nineteen.
  sbJmylDy,
  rsJycyz,
  ybYdjyBa,
  mzYljz,
  mzGrShf,
  clEtkf,
  wjJlfz,
  zfWfgz,
  nyGdlb,
  nyNybxLp,
  tyYdz,
];

function parseItem(input: ServiceItemInput): ServiceItem {
  const result = ServiceItem.safeParse(input);
  if (!result.success) throw new Error(`catalogue item ${input.code} is invalid: ${result.error.message}`);
  return result.data;
}

export const CATALOG: ServiceItem[] = CATALOG_INPUTS.map(parseItem);

const byCode = new Map(CATALOG.map((i) => [i.code, i]));
export const findItem = (code: string): ServiceItem | undefined => byCode.get(code);
