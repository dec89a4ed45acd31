import type { ComponentChildren } from 'preact';
import { Button, LinkButton } from '../button';
import { Icon } from '../icon';
import './print-sheet.css';

/** An A4 sheet with a screen-only toolbar (print, back). Print CSS hides everything else. */
export function PrintSheet({
  title,
  backHref,
  children,
  className,
  actions,
}: {
  title: string;
  backHref: string;
  children: ComponentChildren;
  /** Extra class on the sheet (e.g. a screen layout that is not A4). */
  className?: string;
  /** Extra screen-only toolbar buttons. */
  actions?: ComponentChildren;
}) {
  return (
    <div class="print-page">
      <div class="row no-print print-toolbar">
        <LinkButton href={backHref}>
          <Icon name="back" />
          返回办件
        </LinkButton>
        <Button variant="primary" onClick={() => window.print()}>
          <Icon name="printer" />
          打印{title}
        </Button>
        {actions}
      </div>
      <article class={className ? `sheet ${className}` : 'sheet'} aria-label={title}>
        {children}
      </article>
    </div>
  );
}
