// The item version a case is handled against: the one it was opened with (every published version
// is kept), so a later catalogue change never breaks an open case.
import type { ServiceItem } from '../../domain';
import type { Repositories } from '../store';
import { Rejected } from './rejected';

export async function itemForCase(
  catalog: Repositories['catalog'],
  code: string,
  version: number,
): Promise<ServiceItem> {
  const item = await catalog.version(code, version);
  if (item) return item;
  if (!(await catalog.get(code)))
    throw new Rejected('catalog.unknown_item', `事项“${code}”不在本县事项清单中，请更新事项清单后重试`);
  throw new Rejected('catalog.unknown_version', `事项“${code}”没有第 ${version} 版，请更新事项清单后重新打开办件`);
}

/**
 * A new case on a withdrawn (停用) item is refused; one created before the withdrawal was
 * published goes on (it was opened while the item was in service).
 */
export async function refuseIfWithdrawn(
  catalog: Repositories['catalog'],
  code: string,
  createdAt: number,
): Promise<void> {
  const current = await catalog.get(code);
  if (!current?.withdrawn) return;
  const withdrawnAt = (await catalog.versions(code)).find((v) => v.version === current.version)?.publishedAt ?? 0;
  if (createdAt >= withdrawnAt) {
    throw new Rejected('catalog.withdrawn', `事项“${current.name}”已停用，不能新建办件；请联系县级管理员`);
  }
}
