import { useSignal } from '@preact/signals';
import { useLayoutEffect } from 'preact/hooks';
import { showToast } from '../../../state/app-state';
import { draftFromPerson, emptyPersonDraft } from '../../../state/person-form';
import { editForRoute, openPersonEdit, type PersonEdit } from '../../../state/person-edit';
import { useAppState } from '../../app/context';
import { PersonForm } from '../../person-form';
import { PersonConflicts } from '../../person-form/conflicts';
import { LinkButton } from '../../components/button';
import { Icon } from '../../components/icon';

/** 新建 / 修改群众档案. */
export function PersonEditScreen({ id }: { id?: string }) {
  const state = useAppState();
  const opened = useSignal<PersonEdit | null>(null);
  // Bumped when a conflict is settled: the form starts again from the stored profile.
  const generation = useSignal(0);
  /** Why the profile could not be read (storage unreadable), instead of reading forever. */
  const failed = useSignal<string | null>(null);
  // Read under way while the screen's first frame is painted, not a frame later (passive effect).
  useLayoutEffect(() => {
    let live = true;
    failed.value = null;
    openPersonEdit(state, id).then(
      (e) => {
        if (live) opened.value = e;
      },
      (e: unknown) => {
        if (live) failed.value = e instanceof Error ? e.message : String(e);
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  // Only what was opened for this route: a draft of the previous route is never shown or saved.
  const edit = editForRoute(opened.value, id);
  const title = id ? '修改群众档案' : '新建群众档案';
  return (
    <section class="stack" aria-labelledby="person-title">
      <div class="row">
        <LinkButton href="#/persons">
          <Icon name="back" />
          返回档案列表
        </LinkButton>
        {id && (
          <LinkButton href={`#/cases/new?person=${id}`} variant="primary">
            为此人新建办件
          </LinkButton>
        )}
      </div>
      <h1 id="person-title">{title}</h1>
      {!edit && failed.value && (
        <p class="error-text" role="alert">
          没能读取这份档案（{failed.value}）。请返回档案列表后再试。
        </p>
      )}
      {!edit && !failed.value && <p aria-busy="true">正在读取……</p>}
      {edit?.kind === 'missing' && <p class="error-text">找不到这份档案，可能已被删除。</p>}
      {edit && edit.kind !== 'missing' && edit.stored && (
        <PersonConflicts
          person={edit.stored}
          onSettled={(p) => {
            opened.value = { ...edit, draft: draftFromPerson(p), stored: p };
            generation.value++;
            showToast(state, 'success', '已保留所选内容');
          }}
        />
      )}
      {edit && edit.kind !== 'missing' && (
        <PersonForm
          key={`${edit.routeKey}|${edit.draft.id ?? ''}|${generation.value}`}
          initial={edit.draft}
          draftKey={`person:${edit.routeKey}`}
          onSaved={(p) => {
            showToast(state, 'success', `已保存 ${p.name} 的档案`);
            state.router.navigate({ name: 'person', id: p.id }, { replace: true });
          }}
          onUseExisting={(p) => state.router.navigate({ name: 'person', id: p.id }, { replace: true })}
          useExistingLabel={(name) => `打开已有档案（${name}）`}
        />
      )}
    </section>
  );
}

/** The profile form blank, as 新建群众档案 shows it: drawn once hidden in idle time
 *  (app/preload-screens.ts), so the first profile opened draws its form close to a second one.
 *  No person, no kept draft (no draftKey); its effects never run in a rehearsal. */
export function PersonFormRehearsal() {
  const state = useAppState();
  return (
    <section class="stack" aria-labelledby="person-title">
      <h1 id="person-title">新建群众档案</h1>
      <PersonForm initial={emptyPersonDraft(state.user.value?.villageCode ?? '')} onSaved={() => undefined} />
    </section>
  );
}
