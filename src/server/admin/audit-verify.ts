// `npm run admin -- audit:verify`: walks every audit hash chain and says, for each chain that
// does not verify, where it first breaks and how (edited / deleted / reordered).
import type { ChainBreak } from '../audit/chain';
import { ADMIN_CHAIN } from '../audit/chain';
import { verifyAllAudit, type AuditReport } from '../audit/verify';
import type { Store } from '../store';

const KIND_LABELS = { edited: '被修改 edited', deleted: '被删除 deleted', reordered: '顺序被调换 reordered' } as const;

export function describeBreak(b: ChainBreak): string {
  const where = b.chain === ADMIN_CHAIN ? '账号与区划记录 admin chain' : `办件 case ${b.chain}`;
  const at = [
    b.chainSeq !== null && `chain seq ${b.chainSeq}`,
    b.id !== null && `event ${b.id}`,
    b.seq !== null && `row ${b.seq}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${KIND_LABELS[b.kind]} at ${at || 'chain head'} — ${b.detail}`;
}

export async function auditVerify(store: Store, print: (line: string) => void): Promise<AuditReport> {
  const report = await verifyAllAudit(store);
  if (report.breaks.length === 0) {
    print(`操作记录校验通过 / audit chains intact: ${report.events} events in ${report.chains} chains`);
    return report;
  }
  print(
    `操作记录校验未通过 / audit chains broken: ${report.breaks.length} of ${report.chains} chains (${report.events} events)`,
  );
  for (const b of report.breaks) print(`  ${describeBreak(b)}`);
  return report;
}
