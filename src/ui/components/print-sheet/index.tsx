import type { ComponentChildren } from 'preact';
import { Button, LinkButton } from '../button';
import { Icon } from '../icon';
import './print-sheet.css';

/** An A4 sheet with a screen-only toolbar (print, back). Print CSS hides everything else. */
export function PrintSheet({
  title,
  backHref,
  children,
}: {
  title: string;
  backHref: string;
  children: ComponentChildren;
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
      </div>
      <article class="sheet" aria-label={title}>
        {children}
      </article>
    </div>
  );
}
