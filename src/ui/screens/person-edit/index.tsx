import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { draftFromPerson, emptyPersonDraft, loadPerson, showToast, type PersonDraft } from '../../../state';
import { useAppState } from '../../app/context';
import { PersonForm } from '../../person-form';
import { PersonConflicts } from '../../person-form/conflicts';
import type { Person } from '../../../domain';
import { LinkButton } from '../../components/button';
import { Icon } from '../../components/icon';

/** 新建 / 修改群众档案. */
export function PersonEditScreen({ id }: { id?: string }) {
  const state = useAppState();
  const initial = useSignal<PersonDraft | null | 'missing'>(
    id ? null : emptyPersonDraft(state.user.value?.villageCode ?? ''),
  );
  const stored = useSignal<Person | null>(null);
  // Bumped when a conflict is settled: the form starts again from the stored profile.
  const generation = useSignal(0);
  useEffect(() => {
    if (!id) {
      initial.value = emptyPersonDraft(state.user.value?.villageCode ?? '');
      return;
    }
    initial.value = null;
    void loadPerson(id).then((p) => {
      stored.value = p ?? null;
      initial.value = p ? draftFromPerson(p) : 'missing';
    });
  }, [id]);

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
      {initial.value === null && <p aria-busy="true">正在读取……</p>}
      {initial.value === 'missing' && <p class="error-text">找不到这份档案，可能已被删除。</p>}
      {stored.value && (
        <PersonConflicts
          person={stored.value}
          onSettled={(p) => {
            stored.value = p;
            initial.value = draftFromPerson(p);
            generation.value++;
            showToast(state, 'success', '已保留所选内容');
          }}
        />
      )}
      {initial.value && initial.value !== 'missing' && (
        <PersonForm
          key={`${id ?? 'new'}|${generation.value}`}
          initial={initial.value}
          onSaved={(p) => {
            showToast(state, 'success', `已保存 ${p.name} 的档案`);
            state.router.navigate({ name: 'person', id: p.id }, { replace: true });
          }}
        />
      )}
    </section>
  );
}
