import { useComputed, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Person } from '../../domain';
import { checkPersonDraft, type PersonDraft } from '../../state/person-form';
import { existingProfileOf, loadPerson, savePersonDraft } from '../../state/persons';
import { divisionListFor } from '../../state/county-divisions';
import type { DivisionList } from '../../domain/validators/division-code';
import { useAppState } from '../app/context';
import { TextField } from '../components/field';
import { DateField } from '../components/field/date-field';
import { Button } from '../components/button';
import { Banner } from '../components/banner';
import { DraftNote } from '../components/draft-note';
import { useFormDraft } from '../hooks/use-form-draft';
import { formatDateCn, SEX_LABELS } from '../format';
import { IdCardPhotos } from './id-card-photos';
import { HouseholdEditor } from './household-editor';
import { CardReadingPanel, ReadField, useCardReading } from './card-reading';
import { ALL_TOUCHED, fieldBinder } from './bind';
import './person-form.css';

interface Props {
  initial: PersonDraft;
  onSaved: (p: Person) => void;
  saveLabel?: string;
  /** Keeps the input on the device as it is typed (`person:new`, `person:<id>`…); see useFormDraft. */
  draftKey?: string;
  /** Shows a cancel button: the kept input is thrown away. */
  onCancel?: () => void;
  cancelLabel?: string;
  /** When the ID number already has a profile on the device: that profile is offered instead
   *  (the input is then thrown away), under this button's label. */
  onUseExisting?: (p: Person) => void;
  useExistingLabel?: (name: string) => string;
}

/** Create/edit a profile with live checks; derived values (birth date, sex, validity) shown as typed. */
export function PersonForm({
  initial,
  onSaved,
  saveLabel = '保存档案',
  draftKey,
  onCancel,
  cancelLabel = '取消',
  onUseExisting,
  useExistingLabel = (name) => `改用已有档案（${name}）`,
}: Props) {
  const state = useAppState();
  const draft = useSignal<PersonDraft>(initial);
  const touched = useSignal<ReadonlySet<string>>(new Set());
  const error = useSignal<string | null>(null);
  /** The profile that already has this ID number (after a refused save). */
  const existing = useSignal<{ id: string; name: string } | null>(null);
  const saving = useSignal(false);
  /** The county's division list, once read from storage: a code missing from it is an error. */
  const divisions = useSignal<DivisionList | undefined>(undefined);
  useEffect(() => {
    void divisionListFor(state).then((list) => (divisions.value = list));
  }, []);
  const check = useComputed(() => checkPersonDraft(draft.value, state.today.value, divisions.value));
  const kept = useFormDraft(draftKey ?? null, draft.value, (v) => {
    draft.value = v;
  });

  const bind = fieldBinder(draft, touched, check);
  // A profile never saved has no creation time: the card fills its empty fields.
  const cardReading = useCardReading(draft, initial.createdAt === undefined);

  const d = check.value.derived;
  const idDerived =
    d.birthDate && d.sex
      ? `出生日期 ${formatDateCn(d.birthDate)} · 性别 ${SEX_LABELS[d.sex]}（由身份证号自动得出）`
      : undefined;
  const validity = d.idCardValidUntil
    ? `有效期至：${d.idCardValidUntil === 'long-term' ? '长期' : formatDateCn(d.idCardValidUntil)}（按签发时年龄自动计算）`
    : undefined;

  const save = async (e: Event) => {
    e.preventDefault();
    touched.value = new Set([ALL_TOUCHED]);
    error.value = null;
    existing.value = null;
    if (draft.value.ocrPending?.length) {
      error.value = '还有识别出的内容没有确认：请对照证件核对黄色标出的项，无误后点“确认识别结果”';
      return;
    }
    if (!check.value.ok) {
      error.value = '还有需要改正的地方，请看红色提示';
      return;
    }
    saving.value = true;
    try {
      // The list as stored now (the one read at opening may not have arrived yet).
      const saved = await savePersonDraft(state, draft.value, await divisionListFor(state));
      await kept.clear();
      onSaved(saved);
    } catch (x) {
      error.value = x instanceof Error ? x.message : String(x);
      existing.value = existingProfileOf(x);
    } finally {
      saving.value = false;
    }
  };

  const useExisting = async (id: string) => {
    try {
      const person = await loadPerson(id);
      if (!person) {
        error.value = '找不到已有的档案，可能已被删除，请重新保存';
        existing.value = null;
        return;
      }
      await kept.clear();
      onUseExisting!(person);
    } catch (x) {
      error.value = `没能打开已有的档案：${x instanceof Error ? x.message : String(x)}`;
    }
  };

  return (
    <form class="stack person-form" onSubmit={save} noValidate aria-label="群众档案">
      <DraftNote draft={kept} />
      <fieldset class="card stack">
        <legend>基本信息（按身份证填写）</legend>
        <div class="grid-2">
          <ReadField field="name" draft={draft}>
            <TextField label="姓名" required {...bind('name')} maxLength={40} autoComplete="off" />
          </ReadField>
          <ReadField field="idNumber" draft={draft}>
            <TextField
              label="身份证号"
              required
              {...bind('idNumber')}
              derived={idDerived}
              hint="18 位，最后一位可能是 X"
              inputMode="text"
              maxLength={18}
              autoComplete="off"
            />
          </ReadField>
          <ReadField field="ethnicity" draft={draft}>
            <TextField label="民族" {...bind('ethnicity')} maxLength={20} />
          </ReadField>
          <ReadField field="idCardIssuedOn" draft={draft}>
            <DateField
              label="身份证签发日期"
              {...bind('idCardIssuedOn')}
              derived={validity}
              hint="见身份证背面“有效期限”的开始日期"
            />
          </ReadField>
        </div>
        <ReadField field="address" draft={draft}>
          <TextField label="住址" {...bind('address')} maxLength={200} />
        </ReadField>
        <div class="grid-2">
          <TextField label="手机号" type="tel" inputMode="tel" {...bind('phone')} autoComplete="off" />
          <TextField
            label="村（社区）行政区划代码"
            required
            inputMode="numeric"
            {...bind('divisionCode')}
            hint="12 位，默认是本村代码"
          />
          <TextField label="银行卡号（本人名下）" inputMode="numeric" {...bind('bankCard')} autoComplete="off" />
          <TextField label="开户银行" {...bind('bankName')} maxLength={40} />
        </div>
      </fieldset>
      <IdCardPhotos
        draft={draft}
        onPhoto={cardReading.enabled.value ? (side, photo) => void cardReading.read(side, photo) : undefined}
        readingOn={cardReading.ready.value}
      />
      <CardReadingPanel reading={cardReading.reading.value} draft={draft} />
      <HouseholdEditor draft={draft} />
      {error.value && (
        <Banner tone="danger">
          <p>{error.value}</p>
          {existing.value && onUseExisting && (
            <Button onClick={() => void useExisting(existing.value!.id)}>
              {useExistingLabel(existing.value.name)}
            </Button>
          )}
        </Banner>
      )}
      <Button type="submit" variant="primary" disabled={saving.value}>
        {saving.value ? '正在保存……' : saveLabel}
      </Button>
      {onCancel && (
        <Button
          onClick={() => {
            void kept.clear();
            onCancel();
          }}
        >
          {cancelLabel}
        </Button>
      )}
    </form>
  );
}
