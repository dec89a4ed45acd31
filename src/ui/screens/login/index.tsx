import { useSignal } from '@preact/signals';
import { useAppState } from '../../app/context';
import { PasswordField, TextField } from '../../components/field';
import { Button } from '../../components/button';
import { Banner } from '../../components/banner';
import './login.css';

export function LoginScreen() {
  const state = useAppState();
  const current = state.session.value;
  const username = useSignal(current?.user.username ?? '');
  const password = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    error.value = null;
    try {
      // The login code (API client, contract schemas, key enrolment) loads when it is used.
      const { login } = await import('../../../state/session-login');
      await login(state, username.value, password.value);
      state.sessionEnd.notice.value = null;
      // Home for everyone: agents get the case list, reviewers and admins the desk (see RouteView).
      state.router.navigate({ name: 'cases' }, { replace: true });
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  };

  return (
    <section class="login card stack" aria-labelledby="login-title">
      <h1 id="login-title">代办通 · {current ? '重新登录' : '登录'}</h1>
      {state.sessionEnd.notice.value && <Banner tone="warning">{state.sessionEnd.notice.value}</Banner>}
      {current ? (
        <p class="muted">{current.user.name}，请重新输入密码以继续同步。本机的档案和办件都会保留。</p>
      ) : (
        <>
          {/* One door for every role: the account decides what opens after login. */}
          <p>代办员、网格员、乡镇审核人员和管理员都在这里登录。</p>
          <p class="muted">第一次登录需要联网。登录后，没有信号也能继续办件，有信号时自动同步。</p>
        </>
      )}
      <form class="stack" onSubmit={submit} noValidate>
        <TextField
          label="用户名"
          value={username.value}
          onValue={(v) => {
            username.value = v;
          }}
          autoComplete="username"
          autoCapitalize="none"
          required
        />
        <PasswordField label="密码" value={password} autoComplete="current-password" />
        {error.value && <Banner tone="danger">{error.value}</Banner>}
        <Button type="submit" variant="primary" block disabled={busy.value}>
          {busy.value ? '正在登录……' : '登录'}
        </Button>
      </form>
    </section>
  );
}
