// The one-time notice as plain text blocks: the screen, the saved image and the read-aloud text
// are all made from this one value, so they never say different things.
import type { Case, ServiceItem } from '../../../domain';
import type { Notice } from '../../../state/workbench/notice';
import { formatDateCn } from '../../format';
import { limitLabel } from '../../../domain/review/limit-label';

export interface NoticeDocItem {
  what: string;
  reasons: string[];
  ask: string;
  /** 以下之一: any one of these will do. */
  choices?: string[];
}

export interface NoticeDoc {
  title: string;
  number: string;
  meta: [label: string, value: string][];
  intro: string;
  items: NoticeDocItem[];
  /** Where to go and who to see; by when, if anything is promised. */
  where: string;
  presence?: string;
  agent: [label: string, value: string][];
  foot: string;
}

const CN_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一 … 10 → 十, then digits: for reading aloud "第一项". */
export const ordinalCn = (n: number) => (n >= 1 && n <= 10 ? CN_DIGITS[n - 1]! : String(n));

/** Two sides of one ID card ask for the same card: one item, so the villager is not asked twice. */
export function mergeSameAsk(items: readonly NoticeDocItem[]): NoticeDocItem[] {
  const byAsk = new Map<string, NoticeDocItem>();
  const out: NoticeDocItem[] = [];
  for (const it of items) {
    if (it.choices) {
      out.push(it); // each choice line is its own question
      continue;
    }
    const seen = byAsk.get(it.ask);
    if (!seen) {
      const copy = { ...it, reasons: [...it.reasons] };
      byAsk.set(it.ask, copy);
      out.push(copy);
    } else {
      seen.what = `${seen.what}、${it.what}`;
      for (const r of it.reasons) if (!seen.reasons.includes(r)) seen.reasons.push(r);
    }
  }
  return out;
}

export function noticeDoc(args: {
  item: ServiceItem;
  c: Pick<Case, 'number' | 'villageCode'>;
  notice: Notice;
  applicantName: string;
  agentName: string;
  villageName: string | undefined;
  today: string;
}): NoticeDoc {
  const { item, c, notice, applicantName, agentName, villageName, today } = args;
  const place = villageName ? `${villageName}便民服务站` : `村级代办服务点（${c.villageCode}）`;
  const items = mergeSameAsk(
    notice.villagerLines.map((l) => ({
      what: l.what,
      reasons: l.forVillager.reasons,
      ask: l.forVillager.ask,
      ...(l.forVillager.choices ? { choices: l.forVillager.choices } : {}),
    })),
  );
  const intro = notice.complete
    ? '经预审，您的申请材料已齐全、符合要求，无需补正。'
    : items.length === 0
      ? '经预审，您不需要再补充材料，代办员整理好后即可提交。'
      : `经预审，您申请的事项还需要补齐或更正以下 ${items.length} 项。本单一次告知全部需要补正的内容：`;
  const limit =
    item.promisedLimitDays === 0
      ? '即办'
      : `${limitLabel(item)}（法定 ${limitLabel(item, 'legal')}），自材料齐全受理之日起计算`;
  return {
    title: '一次性告知单',
    number: c.number,
    meta: [
      ['申请人', applicantName],
      ['申请事项', item.name],
      ['实施机构', item.agency],
      ['承诺时限', limit],
    ],
    intro,
    items,
    where:
      items.length > 0 ? `请带上以上材料，到${place}找代办员${agentName}办理。材料补齐后，才开始计算办理时限。` : '',
    presence: item.requiresPresence ? `注意：本事项须申请人本人到场办理。${item.presenceNote ?? ''}`.trim() : undefined,
    agent: [
      ['代办员', agentName],
      ['村级代办服务点', place],
      ['告知日期', formatDateCn(today)],
    ],
    foot: '依据《中华人民共和国行政许可法》第三十二条，申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容。',
  };
}

/** The text read aloud: what the villager needs, in order; no signature lines or legal footnote. */
export function noticeSpeech(doc: NoticeDoc): string {
  const parts = [`${doc.title}。申请人：${doc.meta[0]![1]}。申请事项：${doc.meta[1]![1]}。`, doc.intro];
  doc.items.forEach((it, i) => {
    const tail = it.choices ? `：${it.choices.join('；或者')}。` : '。';
    parts.push(`第${ordinalCn(i + 1)}项，${it.what}。${it.reasons.join('，')}。${it.ask}${tail}`);
  });
  if (doc.where) parts.push(doc.where);
  if (doc.presence) parts.push(doc.presence);
  return parts.join('\n');
}
