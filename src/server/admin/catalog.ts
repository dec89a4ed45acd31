// Publishing the service catalogue: each publish is a new immutable version (numbered by the
// server), the item's current version, one change in the pull feed (every tablet caches it) and
// one audit event — all in one transaction. Withdrawing (停用) is a version with `withdrawn: true`.
import type { Actor, ServiceItem } from '../../domain';
import { checkItem, diffItems } from '../../domain/catalog-edit';
import { conflict, notFound, unprocessable } from '../http/errors';
import type { Store } from '../store';
import { auditAdmin } from './audit';

export interface CatalogActor {
  actor: Actor;
  now: number;
}

const GLOBAL = { villageCode: null, townshipCode: null, countyCode: null };

/** The item as the next version of its code; resolves to what was stored. */
export async function publishItem(store: Store, ctx: CatalogActor, value: unknown): Promise<ServiceItem> {
  const input = typeof value === 'object' && value !== null ? { ...value, version: 1 } : value;
  const checked = checkItem(input);
  if (!checked.ok) {
    throw unprocessable('catalog.invalid', `事项内容有 ${checked.problems.length} 处问题，未发布`, {
      problems: checked.problems,
    });
  }
  return store.transaction(async (tx) => {
    const current = await tx.catalog.get(checked.item.code);
    const item: ServiceItem = { ...checked.item, version: (current?.version ?? 0) + 1 };
    if (current && diffItems(current, item).length === 0) {
      throw conflict('catalog.unchanged', '与已发布的版本相同，无需发布');
    }
    if (!(await tx.catalog.publish(item, ctx.now, ctx.actor.id))) {
      throw conflict('catalog.version_exists', '该版本已发布过，请刷新后重试');
    }
    await tx.catalog.deleteDraft(item.code);
    await tx.changes.append(GLOBAL, { type: 'catalog.item', item }, ctx.now);
    await auditAdmin(
      tx,
      ctx.actor,
      {
        entity: 'catalog',
        entityId: item.code,
        action: actionOf(current, item),
        to: `v${item.version}`,
        ...(current ? { from: `v${current.version}` } : {}),
        detail: current ? changedPaths(current, item) : `新事项：${item.name}`,
      },
      ctx.now,
    );
    return item;
  });
}

function actionOf(before: ServiceItem | undefined, after: ServiceItem): string {
  if (!before) return 'catalog.create';
  if (after.withdrawn && !before.withdrawn) return 'catalog.withdraw';
  if (!after.withdrawn && before.withdrawn) return 'catalog.restore';
  return 'catalog.publish';
}

function changedPaths(before: ServiceItem, after: ServiceItem): string {
  return diffItems(before, after)
    .map((c) => `${c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '~'}${c.path}`)
    .join(' ');
}

/** 停用 / 启用: the current version again with only the flag changed, as a new version. */
export async function setWithdrawn(store: Store, ctx: CatalogActor, code: string, withdrawn: boolean) {
  const current = await store.catalog.get(code);
  if (!current) throw notFound('catalog.unknown_item', `事项“${code}”不存在`);
  if ((current.withdrawn === true) === withdrawn) {
    throw conflict('catalog.unchanged', withdrawn ? '该事项已经停用' : '该事项没有停用');
  }
  const { withdrawn: _drop, ...rest } = current;
  return publishItem(store, ctx, withdrawn ? { ...rest, withdrawn: true } : rest);
}

/** Throws an unpublished draft away, audited; resolves false when there was none. */
export async function discardDraft(store: Store, ctx: CatalogActor, code: string): Promise<boolean> {
  return store.transaction(async (tx) => {
    if (!(await tx.catalog.drafts()).some((d) => d.code === code)) return false;
    await tx.catalog.deleteDraft(code);
    await auditAdmin(tx, ctx.actor, { entity: 'catalog', entityId: code, action: 'catalog.draft_discard' }, ctx.now);
    return true;
  });
}
