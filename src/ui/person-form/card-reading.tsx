// Reading the ID card in the person form: when 证件识别 is on, the photo the agent takes for the
// profile is also read; filled fields are highlighted until the agent confirms each (or all).
import type { Signal } from '@preact/signals';
import { useComputed, useSignal } from '@preact/signals';
import { Fragment, type ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { CardSide } from '../../domain/idcard/ocr-types';
import { confirmRead } from '../../state/card-fill';
import type { PersonDraft, PersonDraftKey } from '../../state/person-form';
import { useAppState } from '../app/context';
import { longIdle } from '../app/long-idle';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import { ProgressBar } from '../components/progress-bar';
import { readCardInto, type CardReadOutcome } from './read-card';

export const FIELD_LABELS: Record<PersonDraftKey, string> = {
  name: '姓名',
  idNumber: '身份证号',
  ethnicity: '民族',
  phone: '手机号',
  address: '住址',
  divisionCode: '村（社区）行政区划代码',
  idCardIssuedOn: '身份证签发日期',
  bankCard: '银行卡号',
  bankName: '开户银行',
};

const SIDE_LABELS: Record<CardSide, string> = { front: '身份证人像面', back: '身份证国徽面' };

type Reading =
  | { state: 'busy'; side: CardSide }
  | { state: 'done'; outcome: CardReadOutcome; seconds: number }
  | { state: 'failed'; side: CardSide; message: string };

/** Removes `keys` from the fields awaiting confirmation. */
function confirmFields(draft: Signal<PersonDraft>, keys: readonly PersonDraftKey[]) {
  draft.value = confirmRead(draft.value, keys);
}

export function useCardReading(draft: Signal<PersonDraft>, isNew: boolean) {
  const state = useAppState();
  /** Whether this device has the recogniser: not known until its module is asked. */
  const recogniser = useSignal<'unknown' | 'ready' | 'absent'>('unknown');
  /** Photos are offered for reading unless the device is known to have no recogniser. */
  const enabled = useComputed(() => recogniser.value !== 'absent');
  const ready = useComputed(() => recogniser.value === 'ready');
  const reading = useSignal<Reading | null>(null);
  const ask = async () => {
    try {
      const m = await import('../../ocr');
      recogniser.value = (await m.ocrStatus()).state === 'ready' ? 'ready' : 'absent';
      return m;
    } catch (e) {
      recogniser.value = 'absent'; // no recogniser: photos are kept, nothing is read
      throw e;
    }
  };
  useEffect(() => {
    let live = true;
    // Load the models while the agent fills the form, so the first photo is read at once; in a
    // quiet moment (long-idle.ts), not in the frames that open the form or the next screen.
    void longIdle()
      .then(async () => {
        if (!live) return;
        const m = await ask();
        if (live && recogniser.value === 'ready') await m.warmOcr();
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const read = async (side: CardSide, image: Blob) => {
    // A photo taken before the quiet moment: the recogniser is asked now.
    if (recogniser.value === 'unknown') await ask().catch(() => undefined);
    if (recogniser.value !== 'ready') return;
    reading.value = { state: 'busy', side };
    const started = performance.now();
    try {
      const outcome = await readCardInto(image, side, () => draft.value, isNew, state.today.value);
      draft.value = outcome.draft;
      reading.value = { state: 'done', outcome, seconds: (performance.now() - started) / 1000 };
    } catch (e) {
      reading.value = { state: 'failed', side, message: e instanceof Error ? e.message : String(e) };
    }
  };
  return { enabled, ready, reading, read };
}

/** What was read, what was filled, what could not be read or differs from the profile. */
export function CardReadingPanel({ reading, draft }: { reading: Reading | null; draft: Signal<PersonDraft> }) {
  const pending = draft.value.ocrPending ?? [];
  if (!reading && pending.length === 0) return null;
  return (
    <section class="card stack ocr-panel" aria-label="证件识别结果">
      {reading?.state === 'busy' && <ProgressBar label={`正在识别${SIDE_LABELS[reading.side]}……`} />}
      {reading?.state === 'failed' && (
        <Banner tone="danger">
          {SIDE_LABELS[reading.side]}识别失败：{reading.message}。照片已保存，请对照证件手工填写。
        </Banner>
      )}
      {reading?.state === 'done' && <Outcome outcome={reading.outcome} seconds={reading.seconds} />}
      {pending.length > 0 && (
        <div class="stack">
          <p>
            <strong>请对照证件核对黄色标出的 {pending.length} 项</strong>（
            {pending.map((k) => FIELD_LABELS[k]).join('、')}），无误后确认；不确认不能保存。
          </p>
          <Button variant="primary" onClick={() => confirmFields(draft, pending)}>
            已核对，全部确认
          </Button>
        </div>
      )}
    </section>
  );
}

function Outcome({ outcome, seconds }: { outcome: CardReadOutcome; seconds: number }) {
  const side = SIDE_LABELS[outcome.side];
  const problems = outcome.issues.filter((i) => i.severity === 'error');
  const notes = [...outcome.issues.filter((i) => i.severity !== 'error'), ...outcome.findings];
  return (
    <>
      <p role="status">
        已识别{side}，用时 {seconds.toFixed(1)} 秒。
        {outcome.filled.length > 0 ? `已填入 ${outcome.filled.length} 项。` : '没有可填入的空白项。'}
      </p>
      {outcome.read.length > 0 && (
        <dl class="kv ocr-read">
          {outcome.read.map(([k, v]) => (
            <Fragment key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {problems.length > 0 && (
        <Banner tone="danger">
          <ul class="ocr-list">
            {problems.map((i) => (
              <li key={i.code}>{i.message}</li>
            ))}
          </ul>
        </Banner>
      )}
      {notes.length > 0 && (
        <Banner tone="warning">
          <ul class="ocr-list">
            {notes.map((i) => (
              <li key={i.code}>{i.message}</li>
            ))}
          </ul>
        </Banner>
      )}
    </>
  );
}

/** A form field filled from the card: highlighted, with its own confirmation button. */
export function ReadField({
  field,
  draft,
  children,
}: {
  field: PersonDraftKey;
  draft: Signal<PersonDraft>;
  children: ComponentChildren;
}) {
  const pending = draft.value.ocrPending?.includes(field) ?? false;
  if (!pending) return <>{children}</>;
  return (
    <div class="ocr-field">
      {children}
      <Button
        class="ocr-field__confirm"
        aria-label={`确认识别结果：${FIELD_LABELS[field]}`}
        onClick={() => confirmFields(draft, [field])}
      >
        确认识别结果
      </Button>
    </div>
  );
}
