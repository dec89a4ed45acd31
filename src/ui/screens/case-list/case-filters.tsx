import { useSignal } from '@preact/signals';
import type { CaseStatus } from '../../../domain/schemas/case';
import { STATUS_LABELS } from '../../../domain/state-machine/labels';
import { itemNameOptions } from '../../../state/catalog-names';
import { loadCaseList, type CaseListFilter } from '../../../state/case-list';
import { useAppState } from '../../app/context';
import { Chip } from '../../components/chip';
import { SelectField } from '../../components/field';
import { Button } from '../../components/button';
import { lazyScreen } from '../../app/lazy-screen';

// Searching profiles needs the person store and pinyin: loaded when the agent asks for it.
const PersonPicker = lazyScreen(
  () => import('../../components/person-picker').then((m) => m.PersonPicker),
  '查找申请人',
);

// STATUS_LABELS lists every status in the schema's order (CASE_STATUSES, kept off the first screen).
const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as CaseStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }));

/** Status, due soon, returned, item, applicant: each maps to an indexed storage query. */
export function CaseFilters() {
  const state = useAppState();
  const f = state.caseList.filter.value;
  const pickApplicant = useSignal(false);
  const apply = (next: CaseListFilter) => void loadCaseList(state, next);
  const itemOptions = itemNameOptions();
  return (
    <div class="filters card" role="search" aria-label="筛选办件">
      <div class="filters__chips">
        <Chip pressed={!!f.dueSoon} onToggle={() => apply({ ...f, dueSoon: !f.dueSoon })}>
          即将到期
        </Chip>
        <Chip pressed={!!f.returned} onToggle={() => apply({ ...f, returned: !f.returned, status: undefined })}>
          退回补正
        </Chip>
        <Chip
          pressed={f.status === 'draft'}
          onToggle={() => apply({ ...f, status: f.status === 'draft' ? undefined : 'draft', returned: undefined })}
        >
          草稿
        </Chip>
        <Chip
          pressed={f.status === 'queued'}
          onToggle={() => apply({ ...f, status: f.status === 'queued' ? undefined : 'queued', returned: undefined })}
        >
          待同步
        </Chip>
        {f.applicantId ? (
          <Chip pressed onToggle={() => apply({ ...f, applicantId: undefined, applicantName: undefined })}>
            申请人：{f.applicantName}（点此取消）
          </Chip>
        ) : (
          <Chip
            pressed={pickApplicant.value}
            onToggle={() => {
              pickApplicant.value = !pickApplicant.value;
            }}
          >
            按申请人
          </Chip>
        )}
      </div>
      {pickApplicant.value && !f.applicantId && (
        <PersonPicker
          label="查找申请人"
          onPick={(p) => {
            pickApplicant.value = false;
            apply({ ...f, applicantId: p.id, applicantName: p.name });
          }}
        />
      )}
      <div class="grid-2">
        <SelectField
          label="状态"
          value={f.status ?? ''}
          placeholder="全部状态"
          options={STATUS_OPTIONS}
          deferOptions
          onValue={(v) => apply({ ...f, status: (v || undefined) as CaseStatus | undefined, returned: undefined })}
        />
        <SelectField
          label="事项"
          value={f.itemCode ?? ''}
          placeholder="全部事项"
          options={itemOptions}
          deferOptions
          onValue={(v) => apply({ ...f, itemCode: v || undefined })}
        />
      </div>
      {Object.values(f).some((v) => v !== undefined && v !== false) && (
        <Button variant="ghost" onClick={() => apply({})}>
          清除全部筛选
        </Button>
      )}
    </div>
  );
}
