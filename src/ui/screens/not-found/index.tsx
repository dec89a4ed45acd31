import { LinkButton } from '../../components/button';

export function NotFoundScreen({ path }: { path: string }) {
  return (
    <section class="stack">
      <h1>找不到这个页面</h1>
      <p class="muted">地址“{path}”不存在。</p>
      <LinkButton href="#/" variant="primary">
        回到办件列表
      </LinkButton>
    </section>
  );
}
