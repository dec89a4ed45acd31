import type { Signal } from '@preact/signals';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Relation, type Person } from '../../domain';
import { loadPerson } from '../../state/persons';
import type { PersonDraft } from '../../state/person-form';
import { PersonPicker } from '../components/person-picker';
import { SelectField } from '../components/field';
import { Button } from '../components/button';
import { RELATION_LABELS } from '../person-format';

const RELATION_OPTIONS = Relation.options.map((r) => ({ value: r, label: RELATION_LABELS[r] }));

/** Household members: link existing profiles with a relation ("他/她是本人的……"). */
export function HouseholdEditor({ draft }: { draft: Signal<PersonDraft> }) {
  const names = useSignal<Record<string, string>>({});
  const relation = useSignal<Relation>('spouse');
  const links = draft.value.household;

  useEffect(() => {
    const missing = links.filter((l) => !(l.personId in names.value));
    if (!missing.length) return;
    // Each name on its own: one unreadable profile does not hide the others.
    void Promise.all(
      missing.map((l) =>
        loadPerson(l.personId).then(
          (p) => p?.name ?? '（档案缺失）',
          () => '（档案读取失败）',
        ),
      ),
    ).then((found) => {
      const next = { ...names.value };
      found.forEach((name, i) => {
        next[missing[i]!.personId] = name;
      });
      names.value = next;
    });
  }, [links]);

  const add = (p: Person) => {
    names.value = { ...names.value, [p.id]: p.name };
    draft.value = {
      ...draft.value,
      household: [...links.filter((l) => l.personId !== p.id), { personId: p.id, relation: relation.value }],
    };
  };
  const remove = (id: string) => {
    draft.value = { ...draft.value, household: links.filter((l) => l.personId !== id) };
  };
  const setRelation = (id: string, r: Relation) => {
    draft.value = { ...draft.value, household: links.map((l) => (l.personId === id ? { ...l, relation: r } : l)) };
  };

  return (
    <fieldset class="card stack">
      <legend>家庭成员</legend>
      {links.length === 0 ? (
        <p class="muted">还没有关联家庭成员。</p>
      ) : (
        <ul class="household">
          {links.map((l) => (
            <li key={l.personId}>
              <strong>{names.value[l.personId] ?? '……'}</strong>
              <SelectField
                label={`${names.value[l.personId] ?? ''}是本人的`}
                value={l.relation}
                options={RELATION_OPTIONS}
                onValue={(r) => setRelation(l.personId, r as Relation)}
              />
              <Button variant="danger" onClick={() => remove(l.personId)}>
                移除 {names.value[l.personId] ?? ''}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div class="grid-2">
        <SelectField
          label="新成员是本人的"
          value={relation.value}
          options={RELATION_OPTIONS}
          onValue={(r) => {
            relation.value = r as Relation;
          }}
        />
        <PersonPicker
          label="查找要关联的家庭成员"
          onPick={add}
          excludeIds={[...links.map((l) => l.personId), ...(draft.value.id ? [draft.value.id] : [])]}
        />
      </div>
    </fieldset>
  );
}
