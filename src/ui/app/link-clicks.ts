import { parseRoute, type Route, type Router } from '../../state/router';

/** What decides whether the app follows a click on a link itself. */
export interface LinkClick {
  /** The mouse button (0: the main one, also a finger's tap). */
  button: number;
  /** Ctrl, Shift, Alt or Meta held: the user asks for a new tab or window. */
  modifier: boolean;
  /** A handler already dealt with the click (preventDefault). */
  handled: boolean;
  href: string | null;
  /** The link's `target` attribute ('' when none). */
  target: string;
  download: boolean;
}

/** The route to enter at once for this click, or null to leave it to the browser (the page
 *  already shown included: the browser does nothing then, nor does the app). */
export function routeOfLinkClick(c: LinkClick, currentHash: string): Route | null {
  const plain = !c.handled && c.button === 0 && !c.modifier && !c.download && (c.target || '_self') === '_self';
  return plain && c.href?.startsWith('#/') && c.href !== currentHash ? parseRoute(c.href) : null;
}

/**
 * Follows a tap on an in-app link (`#/…`) in the tap's own task. Left to the browser, the
 * `hashchange` comes a frame or two later: ≈ 30 ms of every screen change on a 4× slower tablet
 * (issue 13). The router pushes the same history entry the browser would.
 */
export function followLinksAtOnce(doc: Document, router: Pick<Router, 'navigate'>): void {
  doc.addEventListener('click', (e) => {
    const link = e.target instanceof Element ? e.target.closest('a') : null;
    const route =
      link &&
      routeOfLinkClick(
        {
          button: e.button,
          modifier: e.ctrlKey || e.shiftKey || e.altKey || e.metaKey,
          handled: e.defaultPrevented,
          href: link.getAttribute('href'),
          target: link.target,
          download: link.hasAttribute('download'),
        },
        location.hash,
      );
    if (route) {
      e.preventDefault();
      router.navigate(route);
    }
  });
}
