import { useLayoutEffect } from 'preact/hooks';
import { useAppState } from '../../app/context';
import { searchPersonsAction } from '../../../state/persons';
import { LinkButton } from '../../components/button';
import { Icon } from '../../components/icon';
import { EmptyState } from '../../components/empty-state';
import { maskIdNumber } from '../../person-format';
import { SEX_LABELS } from '../../format';
import './person-list.css';

/** 群众档案: search by name, ID number, phone or pinyin initials. */
export function PersonListScreen() {
  const state = useAppState();
  const { query, results, loading, error } = state.persons;
  // Read under way while the screen's first frame is painted, not a frame later (passive effect).
  useLayoutEffect(() => {
    void searchPersonsAction(state, query.value);
  }, []);
  return (
    <section class="stack" aria-labelledby="persons-title">
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <h1 id="persons-title" style={{ margin: 0 }}>
          群众档案
        </h1>
        <LinkButton href="#/persons/new" variant="primary">
          <Icon name="plus" />
          新建档案
        </LinkButton>
      </div>
      <div class="field">
        <label class="field__label" for="person-search">
          查找
        </label>
        <input
          id="person-search"
          class="field__input"
          type="search"
          value={query.value}
          placeholder="姓名、身份证号、手机号或拼音首字母（如 zs）"
          onInput={(e) => void searchPersonsAction(state, e.currentTarget.value)}
        />
      </div>
      <p class={error.value && !loading.value ? 'error-text' : 'muted'} role="status" aria-live="polite">
        {loading.value
          ? '正在查找……'
          : error.value
            ? `没能读取档案（${error.value}），请稍后再试。`
            : query.value.trim()
              ? `找到 ${results.value.length} 人`
              : `最近更新的 ${results.value.length} 份档案`}
      </p>
      {error.value && !loading.value ? null : results.value.length === 0 && !loading.value ? (
        <EmptyState title={query.value.trim() ? '没有找到' : '还没有档案'}>
          <LinkButton href="#/persons/new">新建档案</LinkButton>
        </EmptyState>
      ) : (
        <ul class="person-list">
          {results.value.map((p) => (
            <li key={p.id} class="card person-card">
              <a href={`#/persons/${p.id}`} class="person-card__main">
                <strong class="person-card__name">{p.name}</strong>
                <span>
                  {SEX_LABELS[p.sex]} · {p.birthDate.slice(0, 4)}年生
                </span>
                <span class="muted">
                  {maskIdNumber(p.idNumber)}
                  {p.phone ? ` · ${p.phone}` : ''}
                </span>
              </a>
              <LinkButton href={`#/cases/new?person=${p.id}`}>为{p.name}办件</LinkButton>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
