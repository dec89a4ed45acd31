import type { Person } from '../../../domain';
import { Button } from '../../components/button';
import { maskIdNumber } from '../../person-format';
import { SEX_LABELS } from '../../format';

export function ChosenPerson({ person, role, onChange }: { person: Person; role: string; onChange: () => void }) {
  return (
    <div class="card row chosen" data-testid={`chosen-${role}`}>
      <div class="chosen__text">
        <strong>
          {role}：{person.name}
        </strong>
        <span class="muted">
          {SEX_LABELS[person.sex]} · {maskIdNumber(person.idNumber)}
          {person.phone ? ` · ${person.phone}` : ''}
        </span>
      </div>
      <Button onClick={onChange}>换一个{role}</Button>
    </div>
  );
}
