// 本机数据问题: rows this app could not read and pulled changes it skipped, with the one thing the
// agent can do about them — send a diagnostic (codes and keys only) to the county.
import type { DiagnosticItem } from '../../../domain/api';
import { useAppState } from '../../app/context';
import { sendDiagnostic } from '../../../state';
import { Button } from '../../components/button';
import { formatTime } from '../../format';

const SOURCES: Record<string, string> = {
  cases: '办件',
  persons: '群众档案',
  materials: '材料',
  audit: '操作记录',
  decisions: '审核决定',
  rectifications: '整改',
  catalog: '事项',
  settings: '设置',
  pull: '服务器发来的更新',
};

const WHAT: Record<string, string> = {
  'row.invalid': '数据不完整或已损坏，已跳过',
  'row.newer': '由更新版本的应用保存，本版本读不了，已跳过',
  'change.unknown_kind': '本版本还不认识这种更新，已跳过（更新应用后可用）',
  'change.invalid': '内容无法识别，已跳过',
};

function Item({ p }: { p: DiagnosticItem }) {
  return (
    <li class="card stack">
      <p>
        <strong>{SOURCES[p.source] ?? p.source}</strong>
        {' · '}
        <span>{WHAT[p.code] ?? p.code}</span>
      </p>
      <p class="muted">
        编号 {p.key}
        {p.paths.length > 0 && ` · 字段 ${p.paths.join('、')}`}
        {' · '}
        {formatTime(p.seenAt)}
      </p>
    </li>
  );
}

export function DeviceProblems() {
  const state = useAppState();
  const problems = state.sync.deviceProblems.value;
  if (problems.length === 0) return null;
  return (
    <section class="stack" aria-labelledby="device-problems-title" data-testid="device-problems">
      <h2 id="device-problems-title">本机数据问题（{problems.length}）</h2>
      <p>
        下面这些数据本机读不了，已经跳过，其余办件照常使用和同步。请把诊断信息发给管理员（只发送编号和字段名，不含群众的个人信息）。
      </p>
      <Button
        variant="primary"
        disabled={state.sync.sendingDiagnostic.value || !state.online.value}
        onClick={() => void sendDiagnostic(state)}
      >
        {state.sync.sendingDiagnostic.value ? '正在发送……' : '发送诊断给管理员'}
      </Button>
      <ul class="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {problems.map((p) => (
          <Item key={`${p.source}:${p.key}:${p.code}`} p={p} />
        ))}
      </ul>
    </section>
  );
}
