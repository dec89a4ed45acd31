import { useComputed, useSignal } from '@preact/signals';
import type { Person } from '../../domain';
import { checkPersonDraft, savePersonDraft, type PersonDraft, type PersonDraftKey } from '../../state';
import { useAppState } from '../app/context';
import { TextField } from '../components/field';
import { Button } from '../components/button';
import { Banner } from '../components/banner';
import { formatDateCn, SEX_LABELS } from '../format';
import { IdCardPhotos } from './id-card-photos';
import { HouseholdEditor } from './household-editor';
import './person-form.css';

interface Props {
  initial: PersonDraft;
  onSaved: (p: Person) => void;
  saveLabel?: string;
}

/** Create/edit a profile with live checks; derived values (birth date, sex, validity) shown as typed. */
export function PersonForm({ initial, onSaved, saveLabel = '保存档案' }: Props) {
  const state = useAppState();
  const draft = useSignal<PersonDraft>(initial);
  const touched = useSignal<ReadonlySet<string>>(new Set());
  const error = useSignal<string | null>(null);
  const saving = useSignal(false);
  const check = useComputed(() => checkPersonDraft(draft.value, state.today.value));

  const set = (k: PersonDraftKey) => (v: string) => { draft.value = { ...draft.value, [k]: v }; };
  const touch = (k: string) => () => { if (!touched.value.has(k)) touched.value = new Set([...touched.value, k]); };
  /** Errors show once a field was left, or on save; never while the agent is still typing. */
  const err = (k: PersonDraftKey) => (touched.value.has(k) || touched.value.has('*') ? check.value.errors[k] : undefined);
  const warns = (k: PersonDraftKey) => check.value.warnings[k];

  const d = check.value.derived;
  const idDerived = d.birthDate && d.sex ? `出生日期 ${formatDateCn(d.birthDate)} · 性别 ${SEX_LABELS[d.sex]}（由身份证号自动得出）` : undefined;
  const validity = d.idCardValidUntil ? `有效期至：${d.idCardValidUntil === 'long-term' ? '长期' : formatDateCn(d.idCardValidUntil)}（按签发时年龄自动计算）` : undefined;

  const save = async (e: Event) => {
    e.preventDefault();
    touched.value = new Set(['*']);
    error.value = null;
    if (!check.value.ok) { error.value = '还有需要改正的地方，请看红色提示'; return; }
    saving.value = true;
    try {
      onSaved(await savePersonDraft(state, draft.value));
    } catch (x) {
      error.value = x instanceof Error ? x.message : String(x);
    } finally {
      saving.value = false;
    }
  };

  const v = draft.value;
  return (
    <form class="stack person-form" onSubmit={save} noValidate aria-label="群众档案">
      <fieldset class="card stack">
        <legend>基本信息（按身份证填写）</legend>
        <div class="grid-2">
          <TextField label="姓名" required value={v.name} onValue={set('name')} onBlur={touch('name')} error={err('name')} warnings={warns('name')} maxLength={40} autoComplete="off" />
          <TextField label="身份证号" required value={v.idNumber} onValue={set('idNumber')} onBlur={touch('idNumber')} error={err('idNumber')} warnings={warns('idNumber')} derived={idDerived} inputMode="text" maxLength={18} autoComplete="off" hint="18 位，最后一位可能是 X" />
          <TextField label="民族" value={v.ethnicity} onValue={set('ethnicity')} onBlur={touch('ethnicity')} error={err('ethnicity')} maxLength={20} />
          <TextField label="身份证签发日期" type="date" value={v.idCardIssuedOn} onValue={set('idCardIssuedOn')} onBlur={touch('idCardIssuedOn')} error={err('idCardIssuedOn')} warnings={warns('idCardIssuedOn')} derived={validity} hint="见身份证背面“有效期限”的开始日期" />
        </div>
        <TextField label="住址" value={v.address} onValue={set('address')} onBlur={touch('address')} error={err('address')} maxLength={200} />
        <div class="grid-2">
          <TextField label="手机号" type="tel" inputMode="tel" value={v.phone} onValue={set('phone')} onBlur={touch('phone')} error={err('phone')} warnings={warns('phone')} autoComplete="off" />
          <TextField label="村（社区）行政区划代码" required inputMode="numeric" value={v.divisionCode} onValue={set('divisionCode')} onBlur={touch('divisionCode')} error={err('divisionCode')} warnings={warns('divisionCode')} hint="12 位，默认是本村代码" />
          <TextField label="银行卡号（本人名下）" inputMode="numeric" value={v.bankCard} onValue={set('bankCard')} onBlur={touch('bankCard')} error={err('bankCard')} warnings={warns('bankCard')} autoComplete="off" />
          <TextField label="开户银行" value={v.bankName} onValue={set('bankName')} maxLength={40} />
        </div>
      </fieldset>
      <IdCardPhotos draft={draft} />
      <HouseholdEditor draft={draft} />
      {error.value && <Banner tone="danger">{error.value}</Banner>}
      <Button type="submit" variant="primary" disabled={saving.value}>{saving.value ? '正在保存……' : saveLabel}</Button>
    </form>
  );
}
