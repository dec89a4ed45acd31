// A card read for a profile that already exists: what differs is a finding for the agent, never
// an overwrite. The validity read from the back feeds the expiry rule.
import type { Issue } from '../result';
import { warning } from '../result';
import { checkIdCardExpiry, idCardValidUntil } from '../validators/id-card-validity';
import type { BackReading } from './read-back';
import type { FrontReading } from './read-front';

/** The profile's values as they stand (empty strings for fields not filled). */
export interface ProfileFacts {
  name: string;
  idNumber: string;
  ethnicity: string;
  address: string;
  birthDate?: string | undefined;
  idCardIssuedOn: string;
}

const info = (code: string, message: string): Issue => ({ code, severity: 'info', message });
const compact = (s: string) => s.replace(/\s+/g, '').toUpperCase();

export function crossCheckFront(r: FrontReading, p: ProfileFacts): Issue[] {
  const out: Issue[] = [];
  if (r.name && p.name.trim() && compact(r.name) !== compact(p.name)) {
    out.push(
      warning('idcard.profile.name', `证件上的姓名是“${r.name}”，档案里是“${p.name.trim()}”，请核对是不是同一个人`),
    );
  }
  if (r.idNumber && p.idNumber.trim() && r.idNumber !== compact(p.idNumber)) {
    out.push(
      warning('idcard.profile.id', `证件上的身份证号是 ${r.idNumber}，档案里是 ${compact(p.idNumber)}，请核对后改正`),
    );
  }
  if (r.ethnicity && p.ethnicity.trim() && r.ethnicity !== p.ethnicity.trim()) {
    out.push(info('idcard.profile.ethnicity', `证件上的民族是“${r.ethnicity}”，档案里是“${p.ethnicity.trim()}”`));
  }
  if (r.address && p.address.trim() && compact(r.address) !== compact(p.address)) {
    out.push(
      info('idcard.profile.address', `证件上的住址是“${r.address}”，与档案不同（可能已搬家），需要时请手工更新`),
    );
  }
  return out;
}

export function crossCheckBack(r: BackReading, p: ProfileFacts, today: string): Issue[] {
  const out: Issue[] = [];
  if (!r.issuedOn || !r.validUntil) return out;
  if (p.idCardIssuedOn.trim() && p.idCardIssuedOn.trim() !== r.issuedOn) {
    out.push(
      warning(
        'idcard.profile.issued',
        `证件背面的签发日期是 ${r.issuedOn}，档案里是 ${p.idCardIssuedOn.trim()}：可能已换领新证，请核对后改为证件上的日期`,
      ),
    );
  }
  if (p.birthDate && r.issuedOn >= p.birthDate) {
    const expected = idCardValidUntil(p.birthDate, r.issuedOn);
    if (expected !== r.validUntil) {
      const shown = (v: string) => (v === 'long-term' ? '长期' : v);
      out.push(
        warning(
          'idcard.validity.rule',
          `按出生日期和签发日期，有效期应到 ${shown(expected)}，证件上读到的是 ${shown(r.validUntil)}，请核对`,
        ),
      );
    }
  }
  const expiry = checkIdCardExpiry(r.validUntil, today);
  if (!expiry.ok) out.push(expiry.error);
  else out.push(...expiry.warnings);
  return out;
}
