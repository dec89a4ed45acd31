// Changing one's own password: from 设置, or forced before anything else after a one-time
// password (an admin created the account or reset its password).
import { useSignal } from '@preact/signals';
import { useAppState } from '../../app/context';
import { changePassword } from '../../../state/change-password';
import { PasswordField } from '../../components/field';
import { Button } from '../../components/button';
import { Banner } from '../../components/banner';

/** The server's rule too (password.too_short); it also refuses common passwords. */
const MIN_LENGTH = 10;

export function ChangePasswordScreen({ forced = false }: { forced?: boolean }) {
  const state = useAppState();
  const current = useSignal('');
  const next = useSignal('');
  const again = useSignal('');
  const error = useSignal<string | null>(null);
  const done = useSignal(false);
  const busy = useSignal(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    error.value = null;
    if ([...next.value].length < MIN_LENGTH) {
      error.value = `新密码至少需要 ${MIN_LENGTH} 个字符`;
      return;
    }
    if (next.value !== again.value) {
      error.value = '两次输入的新密码不一致';
      return;
    }
    busy.value = true;
    try {
      await changePassword(state, current.value, next.value);
      done.value = true;
      current.value = next.value = again.value = '';
      if (forced) state.router.navigate({ name: 'cases' }, { replace: true });
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  };

  return (
    <section class="login card stack" aria-labelledby="password-title">
      <h1 id="password-title">{forced ? '请先设置新密码' : '修改密码'}</h1>
      {forced ? (
        <p class="muted">您正在使用管理员给的一次性密码。请设置一个只有自己知道的新密码，之后才能办件。</p>
      ) : (
        <p class="muted">修改后，其他设备上的登录会失效，需要用新密码重新登录。</p>
      )}
      <form class="stack" onSubmit={submit} noValidate>
        <PasswordField
          label={forced ? '一次性密码（当前密码）' : '当前密码'}
          value={current}
          autoComplete="current-password"
        />
        <PasswordField
          label="新密码"
          hint={`至少 ${MIN_LENGTH} 个字符；不要用生日、手机号、123456789a、woaini1314 这类常见密码`}
          value={next}
          autoComplete="new-password"
        />
        <PasswordField label="再次输入新密码" value={again} autoComplete="new-password" />
        {error.value && <Banner tone="danger">{error.value}</Banner>}
        {done.value && !forced && <Banner tone="success">密码已修改</Banner>}
        <Button type="submit" variant="primary" block disabled={busy.value}>
          {busy.value ? '正在保存……' : '保存新密码'}
        </Button>
      </form>
    </section>
  );
}
