// A 户口簿 of the whole household (householdPages) shows its 首页 and one 常住人口登记卡 page per
// member (the catalogue's standard: 拍首页和每一位家庭成员的常住人口登记卡页，不得漏页). Fewer pages
// than the applicant's household + 1 is a warning: a member page was probably skipped, but a
// household member may live on another 户口簿, which the agent can confirm.
import type { EvaluationContext } from '../context';
import { finding } from '../findings';
import { householdMembers } from '../household';
import type { Finding } from '../types';

export function householdPageFindings(ctx: EvaluationContext): Finding[] {
  const out: Finding[] = [];
  const people = 1 + householdMembers(ctx.input).length;
  for (const r of ctx.item.materials) {
    if (!r.householdPages) continue;
    const m = ctx.captured(r.id);
    const pages = m?.pages.length ?? 0;
    const expected = people + 1;
    if (pages === 0 || pages >= expected) continue;
    out.push(
      finding(
        'pages.household',
        'warning',
        `“${r.name}”拍了${pages}页，申请人家庭共${people}人，应拍首页和每人一页共${expected}页：请补拍漏掉的成员页；若有成员不在这本户口簿上，确认后继续`,
        { type: 'material', id: r.id },
        'page-count',
      ),
    );
  }
  return out;
}
