// 用户: every account of the county; create one (with a one-time password shown once), edit its
// name and scope, disable or enable it, reset its password, list and end its sessions.
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { Role } from '../../domain';
import type { AdminUser, Division } from '../../domain/api/admin';
import type { AdminState } from '../../state/admin';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { DraftNote } from '../components/draft-note';
import { formatTime } from '../format';
import { useFormDraft } from '../hooks/use-form-draft';

const ROLES: { role: Role; label: string; level: Division['level']; place: string }[] = [
  { role: 'agent', label: '代办员', level: 'village', place: '村（社区）' },
  { role: 'reviewer', label: '乡镇审核员', level: 'township', place: '乡镇' },
  { role: 'admin', label: '县级管理员', level: 'county', place: '县（市、区）' },
];
const roleInfo = (role: Role) => ROLES.find((r) => r.role === role)!;
const isRole = (v: string): v is Role => ROLES.some((r) => r.role === v);

// What the forms keep on the device while they are typed (use-form-draft). An empty new-user form
// and a closed edit form are no draft.
const NO_NEW_USER = { username: '', name: '', role: 'agent', division: '' };
const EDIT_CLOSED = { editing: false, name: '', division: '' };

function DivisionSelect(props: {
  id: string;
  level: Division['level'];
  divisions: Division[];
  value: string;
  onValue: (v: string) => void;
}) {
  const options = props.divisions.filter((d) => d.level === props.level);
  return (
    <select id={props.id} value={props.value} onChange={(e) => props.onValue(e.currentTarget.value)}>
      <option value="">请选择</option>
      {options.map((d) => (
        <option key={d.code} value={d.code}>
          {d.name}（{d.code}）
        </option>
      ))}
    </select>
  );
}

function CreateUserForm({ state }: { state: AdminState }) {
  const username = useSignal('');
  const name = useSignal('');
  const role = useSignal<Role>('agent');
  const division = useSignal('');
  const divisions = state.divisions.data.value ?? [];
  const info = roleInfo(role.value);
  const typed = username.value || name.value || division.value;
  const kept = useFormDraft(
    'admin-user:new',
    typed ? { username: username.value, name: name.value, role: role.value, division: division.value } : NO_NEW_USER,
    (d) => {
      username.value = d.username;
      name.value = d.name;
      role.value = isRole(d.role) ? d.role : 'agent';
      division.value = d.division;
    },
  );
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await state.create({
      username: username.value.trim(),
      name: name.value.trim(),
      role: role.value,
      divisionCode: division.value,
    });
    if (ok) username.value = name.value = division.value = '';
  };
  return (
    <form class="card stack" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">新建用户</h2>
      <DraftNote draft={kept} />
      <div class="admin-form">
        <TextField
          label="用户名"
          value={username.value}
          onValue={(v) => (username.value = v)}
          autoComplete="off"
          required
        />
        <TextField label="姓名" value={name.value} onValue={(v) => (name.value = v)} autoComplete="off" required />
        <div class="field">
          <label class="field__label" for="new-user-role">
            身份
          </label>
          <select
            id="new-user-role"
            value={role.value}
            onChange={(e) => {
              role.value = e.currentTarget.value as Role;
              division.value = '';
            }}
          >
            {ROLES.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="new-user-division">
            所属{info.place}
          </label>
          <DivisionSelect
            id="new-user-division"
            level={info.level}
            divisions={divisions}
            value={division.value}
            onValue={(v) => (division.value = v)}
          />
        </div>
        <Button type="submit" variant="primary" disabled={state.busy.value}>
          创建并生成一次性密码
        </Button>
      </div>
      {divisions.every((d) => d.level === 'county') && <p class="muted">还没有乡镇和村：请先在“行政区划”中导入。</p>}
    </form>
  );
}

function UserRow({ user, state }: { user: AdminUser; state: AdminState }) {
  const editing = useSignal(false);
  const name = useSignal(user.name);
  const division = useSignal(user.divisionCode);
  const info = roleInfo(user.role);
  const sessions = state.sessions.value?.userId === user.id ? state.sessions.value.list : null;
  const kept = useFormDraft(
    `admin-user:${user.id}`,
    editing.value ? { editing: true, name: name.value, division: division.value } : EDIT_CLOSED,
    (d) => {
      name.value = d.editing ? d.name : user.name;
      division.value = d.editing ? d.division : user.divisionCode;
      editing.value = d.editing;
    },
  );
  return (
    <>
      <tr>
        <td class="mono">{user.username}</td>
        <td>{user.name}</td>
        <td>{info.label}</td>
        <td>
          {user.divisionName ?? ''} <span class="muted mono">{user.divisionCode}</span>
        </td>
        <td>{user.disabled ? '已停用' : user.mustChangePassword ? '待修改初始密码' : '正常'}</td>
        <td>{user.sessions}</td>
        <td>
          <div class="admin-actions">
            <Button onClick={() => (editing.value = !editing.value)} aria-expanded={editing.value}>
              编辑
            </Button>
            <Button
              variant={user.disabled ? 'secondary' : 'danger'}
              disabled={state.busy.value}
              onClick={() => void state.setDisabled(user.id, !user.disabled)}
            >
              {user.disabled ? '启用' : '停用'}
            </Button>
            <Button disabled={state.busy.value} onClick={() => void state.resetPassword(user.id)}>
              重置密码
            </Button>
            <Button disabled={state.busy.value} onClick={() => void state.showSessions(user.id)}>
              登录设备
            </Button>
          </div>
        </td>
      </tr>
      {editing.value && (
        <tr>
          <td colSpan={7}>
            <form
              class="admin-form"
              aria-label={`编辑 ${user.username}`}
              onSubmit={async (e) => {
                e.preventDefault();
                if (await state.update(user.id, { name: name.value.trim(), divisionCode: division.value }))
                  editing.value = false;
              }}
            >
              <DraftNote draft={kept} />
              <TextField label="姓名" value={name.value} onValue={(v) => (name.value = v)} required />
              <div class="field">
                <label class="field__label" for={`division-${user.id}`}>
                  所属{info.place}
                </label>
                <DivisionSelect
                  id={`division-${user.id}`}
                  level={info.level}
                  divisions={state.divisions.data.value ?? []}
                  value={division.value}
                  onValue={(v) => (division.value = v)}
                />
              </div>
              <Button type="submit" variant="primary" disabled={state.busy.value}>
                保存
              </Button>
            </form>
          </td>
        </tr>
      )}
      {sessions && (
        <tr>
          <td colSpan={7}>
            {sessions.length === 0 ? (
              <p class="muted">{user.username} 当前没有登录的设备。</p>
            ) : (
              <>
                <p class="muted">结束登录后，该设备下次联网时会先发送尚未上传的办件，然后清除本机上该用户的数据。</p>
                <Button variant="danger" disabled={state.busy.value} onClick={() => void state.revokeAll(user.id)}>
                  结束全部登录（{sessions.length} 台设备）
                </Button>
                <table aria-label={`${user.username} 的登录设备`}>
                  <thead>
                    <tr>
                      <th>登录时间</th>
                      <th>最近使用</th>
                      <th>设备</th>
                      <th>地址</th>
                      <th>到期</th>
                      <th>操作</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sessions.map((s) => (
                      <tr key={s.id}>
                        <td>{formatTime(s.createdAt)}</td>
                        <td>{s.lastUsedAt ? formatTime(s.lastUsedAt) : '未使用'}</td>
                        <td>{s.device ?? '未知设备'}</td>
                        <td class="mono">{s.ip ?? ''}</td>
                        <td>{new Date(s.expiresAt).toLocaleDateString('zh-CN')}</td>
                        <td>
                          <Button variant="danger" onClick={() => void state.revoke(user.id, s.id)}>
                            结束此登录
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

export function UsersScreen({ state, visit }: { state: AdminState; visit: number }) {
  useEffect(() => {
    void state.loadUsers();
    void state.loadDivisions();
  }, [visit]);
  const oneTime = state.oneTime.value;
  const users = state.users.data.value ?? [];
  return (
    <section class="stack" aria-labelledby="users-title">
      <h1 id="users-title">用户管理</h1>
      {oneTime && (
        <Banner tone="success">
          <p>
            {oneTime.name}（{oneTime.username}）的一次性密码：<strong class="one-time">{oneTime.password}</strong>
          </p>
          <p>请当面交给本人。只显示这一次；首次登录后必须改成自己的密码。</p>
          <Button onClick={() => (state.oneTime.value = null)}>已记下，关闭</Button>
        </Banner>
      )}
      {state.actionError.value && <Banner tone="danger">{state.actionError.value}</Banner>}
      <CreateUserForm state={state} />
      {state.users.error.value && <Banner tone="danger">{state.users.error.value}</Banner>}
      {/* A narrow screen scrolls the table in its own box (reviewer.css), not the page. */}
      <div class="card table-scroll" role="region" aria-label="本县用户列表" tabIndex={0}>
        <table aria-label="本县用户">
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名</th>
              <th>身份</th>
              <th>辖区</th>
              <th>状态</th>
              <th>登录设备</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} state={state} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
