import { useSignal } from '@preact/signals';
import type { Person, PersonField } from '../../domain';
import { PERSON_FIELD_LABELS } from '../../domain/rules/labels';
import { settlePersonConflict } from '../../state/persons';
import { useAppState } from '../app/context';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import { formatTime, SEX_LABELS } from '../format';

const LABELS: Record<PersonField, string> = {
  ...PERSON_FIELD_LABELS,
  idCard: '身份证签发与有效期',
  household: '家庭成员',
};

/** A field's value as the agent reads it. */
function shown(field: PersonField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）';
  if (field === 'sex' && (value === 'M' || value === 'F')) return SEX_LABELS[value];
  if (field === 'idCard' && typeof value === 'object') {
    const card = value as { issuedOn?: string; validUntil?: string };
    return `签发 ${card.issuedOn ?? '—'}，有效期至 ${card.validUntil === 'long-term' ? '长期' : (card.validUntil ?? '—')}`;
  }
  if (field === 'household' && Array.isArray(value)) return `${value.length} 位家庭成员`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Values another tablet wrote into the same fields of this profile (mergePerson keeps them as
 * conflicts): the agent sees both and keeps one, so neither edit is lost silently.
 */
export function PersonConflicts({ person, onSettled }: { person: Person; onSettled: (p: Person) => void }) {
  const state = useAppState();
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const conflicts = person.conflicts ?? [];
  if (conflicts.length === 0) return null;

  const settle = async (field: PersonField, value: unknown) => {
    busy.value = true;
    error.value = null;
    try {
      onSettled(await settlePersonConflict(state, person.id, field, value));
    } catch (e) {
      error.value = e instanceof Error ? e.message : '保存失败，请重试';
    } finally {
      busy.value = false;
    }
  };

  return (
    <section class="stack person-conflicts" aria-labelledby="conflicts-title">
      <Banner tone="warning">
        <h2 id="conflicts-title">这份档案在两台设备上都改过</h2>
        <p>下面的项目两次修改填的不一样，请向群众核实后保留正确的一项。</p>
      </Banner>
      {error.value && (
        <p class="error-text" role="alert">
          {error.value}
        </p>
      )}
      <ul class="stack">
        {conflicts.map((c) => {
          const field = c.field as PersonField;
          const label = LABELS[field] ?? c.field;
          return (
            <li key={`${c.field}|${c.at}`} class="card stack">
              <p>
                <strong>{label}</strong>：现在是「{shown(field, person[field])}」；{formatTime(c.at)} 的另一次修改是「
                {shown(field, c.value)}」
              </p>
              <div class="row">
                <Button disabled={busy.value} onClick={() => void settle(field, person[field])}>
                  保留现在的{label}
                </Button>
                <Button variant="primary" disabled={busy.value} onClick={() => void settle(field, c.value)}>
                  改用「{shown(field, c.value)}」
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
