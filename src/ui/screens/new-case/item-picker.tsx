import { useSignal, type Signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { ServiceItem } from '../../../domain';
import { itemCategories, openableItems } from '../../../state/catalog-lookup';
import { indexItems, loadPinyin, searchItems, type IndexedItem } from '../../../state/item-search';
import { Chip } from '../../components/chip';
import { limitLabel } from '../../../domain/review/limit-label';

/** Search box (name, keyword, pinyin initials) + category chips over the catalogue. The screen owns
 *  the search text and category (kept as a draft). */
export function ItemPicker({
  onPick,
  query,
  category,
}: {
  onPick: (item: ServiceItem) => void;
  query: Signal<string>;
  category: Signal<string | undefined>;
}) {
  // 停用 items are not offered: no new case may start on them.
  const items = useMemo(() => openableItems(), []);
  const index = useSignal<IndexedItem[]>(indexItems(items));
  useEffect(() => {
    // Pinyin search arrives with pinyin-pro (lazy chunk); name and keyword search work at once.
    void loadPinyin()
      .then((p) => {
        index.value = indexItems(items, p);
      })
      .catch(() => undefined);
  }, [items]);
  const hits = searchItems(index.value, query.value, category.value);
  return (
    <div class="stack item-picker">
      <div class="field">
        <label class="field__label" for="item-search">
          搜索事项
        </label>
        <input
          id="item-search"
          class="field__input"
          type="search"
          value={query.value}
          placeholder="例如：医保、低保、养老，或拼音首字母 yb"
          onInput={(e) => {
            query.value = e.currentTarget.value;
          }}
        />
      </div>
      <div class="row" role="group" aria-label="按类别筛选">
        <Chip
          pressed={category.value === undefined}
          onToggle={() => {
            category.value = undefined;
          }}
        >
          全部
        </Chip>
        {itemCategories().map((c) => (
          <Chip
            key={c}
            pressed={category.value === c}
            onToggle={() => {
              category.value = category.value === c ? undefined : c;
            }}
          >
            {c}
          </Chip>
        ))}
      </div>
      <p class="muted" role="status" aria-live="polite">
        找到 {hits.length} 个事项
      </p>
      <ul class="item-list">
        {hits.map((i) => (
          <li key={i.code}>
            <button type="button" class="item-option" onClick={() => onPick(i)}>
              <strong class="item-option__name">{i.name}</strong>
              <span class="muted">
                {i.category} · {i.agency}
              </span>
              <span class="item-option__tags">
                <span>承诺时限：{limitLabel(i)}</span>
                {i.requiresPresence && <span class="tag tag--warn">须本人到场</span>}
                {i.toleranceAllowed && <span class="tag">可容缺受理</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
