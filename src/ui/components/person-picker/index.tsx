import { useSignal } from '@preact/signals';
import { useEffect, useId } from 'preact/hooks';
import type { Person } from '../../../domain';
import { findPersons } from '../../../state/persons';
import { maskIdNumber } from '../../person-format';
import './person-picker.css';

interface Props {
  label: string;
  onPick: (p: Person) => void;
  excludeIds?: readonly string[];
}

/** Search profiles by name, ID number, phone or pinyin initials and pick one. */
export function PersonPicker({ label, onPick, excludeIds = [] }: Props) {
  const id = useId();
  const query = useSignal('');
  const hits = useSignal<Person[]>([]);
  /** The profiles could not be read (storage unreadable): said instead of "找到 0 人". */
  const failed = useSignal(false);
  useEffect(() => {
    let live = true;
    const t = setTimeout(
      () =>
        void findPersons(query.value).then(
          (r) => {
            if (!live) return;
            hits.value = r;
            failed.value = false;
          },
          () => {
            if (live) failed.value = true;
          },
        ),
      150,
    );
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query.value]);
  const shown = hits.value.filter((p) => !excludeIds.includes(p.id));
  return (
    <div class="person-picker stack">
      <label for={id} class="field__label">
        {label}
      </label>
      <input
        id={id}
        class="field__input"
        type="search"
        value={query.value}
        placeholder="输入姓名、身份证号、手机号或拼音首字母"
        onInput={(e) => {
          query.value = e.currentTarget.value;
        }}
        aria-describedby={`${id}-count`}
      />
      <p id={`${id}-count`} class={failed.value ? 'error-text' : 'muted'} aria-live="polite">
        {failed.value
          ? '没能读取档案，请稍后再试。'
          : query.value.trim()
            ? `找到 ${shown.length} 人`
            : '请输入查找条件'}
      </p>
      {shown.length > 0 && (
        <ul class="person-picker__list">
          {shown.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class="person-picker__hit"
                onClick={() => {
                  onPick(p);
                  query.value = '';
                }}
              >
                <strong>{p.name}</strong>
                <span class="muted">
                  {maskIdNumber(p.idNumber)}
                  {p.phone ? ` · ${p.phone}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
