// One card side read into the form: the recogniser (src/ocr, a worker) and the pure reader, loaded
// together and only when the agent photographs a card with 证件识别 on.
import type { CardSide } from '../../domain/idcard/ocr-types';
import type { Issue } from '../../domain/result';
import { readCardBack } from '../../domain/idcard/read-back';
import { readCardFront } from '../../domain/idcard/read-front';
import { fillFromBack, fillFromFront, type CardFill } from '../../state/card-fill';
import type { PersonDraft } from '../../state/person-form';
import { recognise } from '../../ocr';
import { SEX_LABELS, formatDateCn } from '../format';

export interface CardReadOutcome extends CardFill {
  side: CardSide;
  /** What the reader could not read or corrected. */
  issues: Issue[];
  /** Everything read, for the agent to compare with the card: [label, value]. */
  read: [string, string][];
}

export async function readCardInto(
  image: Blob,
  side: CardSide,
  /** The form's input when the reading arrives (the agent may have typed meanwhile). */
  draft: () => PersonDraft,
  isNew: boolean,
  today: string,
): Promise<CardReadOutcome> {
  const ocr = await recognise(image, side);
  if (side === 'front') {
    const r = readCardFront(ocr, today);
    const read: [string, string][] = [];
    if (r.name) read.push(['姓名', r.name]);
    if (r.sex) read.push(['性别', SEX_LABELS[r.sex]]);
    if (r.ethnicity) read.push(['民族', r.ethnicity]);
    if (r.birthDate) read.push(['出生', formatDateCn(r.birthDate)]);
    if (r.address) read.push(['住址', r.address]);
    read.push(['公民身份号码', r.idNumber ?? `${r.idRaw ?? ''}（未通过校验，未填入）`]);
    return { side, issues: r.issues, read, ...fillFromFront(draft(), r, isNew, today) };
  }
  const r = readCardBack(ocr, today);
  const read: [string, string][] = [];
  if (r.authority) read.push(['签发机关', r.authority]);
  if (r.issuedOn && r.validUntil) {
    const until = r.validUntil === 'long-term' ? '长期' : formatDateCn(r.validUntil);
    read.push(['有效期限', `${formatDateCn(r.issuedOn)} 至 ${until}`]);
  }
  return { side, issues: r.issues, read, ...fillFromBack(draft(), r, isNew, today) };
}
