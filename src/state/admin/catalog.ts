// The catalogue editor's state (事项清单): the published items and drafts from the server, the
// item being edited as JSON text, and what follows from the text at every keystroke — the check
// (schema and rule references), the diff against the published version and the rules preview.
import { computed, signal } from '@preact/signals';
import { ADMIN_CATALOG_ROUTES, type AdminCatalogResponse } from '../../domain/api/admin-catalog';
import type { ServiceItem } from '../../domain/schemas/catalog';
import { catalogFile, checkItemText, diffItems, previewReport, readCatalogFile } from '../../domain/catalog-edit';
import { errorMessage, type ApiClient } from '../../net';
import { loadable } from '../reviewer/loadable';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export function createCatalogEditorState(api: ApiClient, today: () => string) {
  const catalog = loadable<AdminCatalogResponse>();
  const code = signal<string | null>(null);
  const text = signal('');
  const birthDate = signal('1945-06-01');
  const busy = signal(false);
  const message = signal<{ tone: 'success' | 'danger'; text: string } | null>(null);

  const published = computed(() => catalog.data.value?.items.find((i) => i.code === code.value));
  const check = computed(() => checkItemText(text.value || '{}'));
  /** The text's JSON when it parses (the diff works on an invalid item too). */
  const parsed = computed<unknown>(() => {
    try {
      return JSON.parse(text.value) as unknown;
    } catch {
      return undefined;
    }
  });
  const diff = computed(() =>
    published.value && parsed.value !== undefined ? diffItems(published.value, parsed.value) : [],
  );
  const preview = computed(() => {
    const c = check.value;
    return c.ok ? previewReport(c.item, { birthDate: birthDate.value, today: today() }) : null;
  });

  const load = () => catalog.run(() => api.call(ADMIN_CATALOG_ROUTES.list, {}));

  /** Opens an item: its draft when there is one, else the published version. */
  const open = (next: string) => {
    code.value = next;
    message.value = null;
    const draft = catalog.data.value?.drafts.find((d) => d.code === next);
    const item = catalog.data.value?.items.find((i) => i.code === next);
    text.value = pretty(draft ? draft.data : item);
  };

  const act = async (work: () => Promise<string>) => {
    busy.value = true;
    message.value = null;
    try {
      message.value = { tone: 'success', text: await work() };
      await load();
    } catch (err) {
      message.value = { tone: 'danger', text: errorMessage(err) };
    } finally {
      busy.value = false;
    }
  };

  /** Sets one value inside the item's JSON (the form beside the text edits through this). */
  const edit = (path: readonly (string | number)[], value: unknown) => {
    const root = parsed.value;
    if (typeof root !== 'object' || root === null || path.length === 0) return;
    const next = structuredClone(root) as Record<string | number, unknown>;
    let at: Record<string | number, unknown> = next;
    for (const key of path.slice(0, -1)) {
      if (at[key] === undefined) at[key] = {}; // e.g. a rule's thresholds left to their defaults
      const inner = at[key];
      if (typeof inner !== 'object' || inner === null) return;
      at = inner as Record<string | number, unknown>;
    }
    const last = path.at(-1)!;
    if (value === undefined) delete at[last];
    else at[last] = value;
    text.value = pretty(next);
  };

  /** A new item, started from a copy of the open one (or the first): unpublished until published. */
  const newItem = (newCode: string) => {
    const items = catalog.data.value?.items ?? [];
    if (!/^[A-Z0-9-]{3,40}$/.test(newCode)) {
      message.value = { tone: 'danger', text: '事项编码应为 3–40 位大写字母、数字或连字符，例如 MZ-XXBT' };
      return;
    }
    if (items.some((i) => i.code === newCode)) {
      message.value = { tone: 'danger', text: `事项编码 ${newCode} 已存在，请换一个` };
      return;
    }
    const template = published.value ?? items[0];
    if (!template) return;
    const { withdrawn: _w, ...rest } = template;
    code.value = newCode;
    text.value = pretty({ ...rest, code: newCode, version: 1, name: `${template.name}（新）` });
    message.value = { tone: 'success', text: '已按所选事项生成新事项，改好后保存草稿或发布' };
  };

  return {
    catalog,
    edit,
    newItem,
    code,
    text,
    birthDate,
    busy,
    message,
    published,
    check,
    diff,
    preview,
    load,
    open,
    saveDraft: () =>
      act(async () => {
        const current = code.value;
        if (!current || parsed.value === undefined) throw new Error('JSON 格式有误，不能保存草稿');
        await api.call(ADMIN_CATALOG_ROUTES.saveDraft, { params: { code: current }, body: { data: parsed.value } });
        return '草稿已保存（尚未发布，平板上看不到）';
      }),
    discardDraft: () =>
      act(async () => {
        const current = code.value;
        if (!current) throw new Error('请先选择事项');
        const { discarded } = await api.call(ADMIN_CATALOG_ROUTES.discardDraft, { params: { code: current } });
        const item = catalog.data.value?.items.find((i) => i.code === current);
        text.value = item ? pretty(item) : '';
        if (!item) code.value = null;
        return discarded ? '草稿已删除，显示已发布的版本' : '没有草稿需要删除';
      }),
    publish: () =>
      act(async () => {
        const c = check.value;
        if (!c.ok) throw new Error('还有问题未改正，不能发布');
        const { item } = await api.call(ADMIN_CATALOG_ROUTES.publish, { body: { item: c.item } });
        code.value = item.code;
        text.value = pretty(item);
        return `已发布第 ${item.version} 版，平板联网后会自动更新`;
      }),
    setWithdrawn: (withdrawn: boolean) =>
      act(async () => {
        const current = code.value;
        if (!current) throw new Error('请先选择事项');
        const { item } = await api.call(ADMIN_CATALOG_ROUTES.withdraw, {
          params: { code: current },
          body: { withdrawn },
        });
        text.value = pretty(item);
        return withdrawn
          ? `已停用（第 ${item.version} 版）：不能再新建办件，已开始的办件不受影响`
          : `已重新启用（第 ${item.version} 版）`;
      }),
    /** The whole published catalogue as a JSON file's text. */
    exportText: (): string => pretty(catalogFile(catalog.data.value?.items ?? [], Date.now())),
    /** Every item of the file saved as a draft (nothing published); resolves when done. */
    importText: (file: string) =>
      act(async () => {
        const read = readCatalogFile(file);
        if ('error' in read) throw new Error(read.error);
        const bad: string[] = [];
        for (const value of read.items) {
          const itemCode = (value as Partial<ServiceItem>).code;
          if (typeof itemCode !== 'string' || !/^[A-Z0-9-]{3,40}$/.test(itemCode)) {
            bad.push('缺少有效的事项编码');
            continue;
          }
          const { problems } = await api.call(ADMIN_CATALOG_ROUTES.saveDraft, {
            params: { code: itemCode },
            body: { data: value },
          });
          if (problems.length > 0) bad.push(`${itemCode}：${problems.length} 处问题`);
        }
        const saved = read.items.length - bad.filter((b) => b.startsWith('缺少')).length;
        return `已导入 ${saved} 个事项为草稿，请逐个检查后发布${bad.length > 0 ? `（${bad.join('；')}）` : ''}`;
      }),
  };
}

export type CatalogEditorState = ReturnType<typeof createCatalogEditorState>;
