// An in-app link is followed in the tap's own task (src/ui/app/link-clicks.ts), unless the user
// asked the browser for something else or a handler already took the click.
import { describe, expect, it } from 'vitest';
import { routeOfLinkClick, type LinkClick } from '../../../src/ui/app/link-clicks';

const tap = (over: Partial<LinkClick> = {}): LinkClick => ({
  button: 0,
  modifier: false,
  handled: false,
  href: '#/cases/abc',
  target: '',
  download: false,
  ...over,
});

describe('routeOfLinkClick', () => {
  it('enters the linked screen at once on a plain tap', () => {
    expect(routeOfLinkClick(tap(), '#/')).toEqual({ name: 'case', id: 'abc' });
    expect(routeOfLinkClick(tap({ href: '#/cases/new?person=p1' }), '#/persons')).toEqual({
      name: 'case-new',
      personId: 'p1',
    });
    expect(routeOfLinkClick(tap({ href: '#/persons', target: '_self' }), '#/')).toEqual({ name: 'persons' });
  });
  it('leaves new tabs, other buttons and downloads to the browser', () => {
    expect(routeOfLinkClick(tap({ modifier: true }), '#/')).toBeNull();
    expect(routeOfLinkClick(tap({ button: 1 }), '#/')).toBeNull();
    expect(routeOfLinkClick(tap({ target: '_blank' }), '#/')).toBeNull();
    expect(routeOfLinkClick(tap({ download: true }), '#/')).toBeNull();
  });
  it('leaves a click a handler took, links out of the app, and the screen already shown', () => {
    expect(routeOfLinkClick(tap({ handled: true }), '#/')).toBeNull();
    expect(routeOfLinkClick(tap({ href: '/api/cases/abc/receipt.pdf' }), '#/')).toBeNull();
    expect(routeOfLinkClick(tap({ href: 'https://example.org/' }), '#/')).toBeNull();
    expect(routeOfLinkClick(tap({ href: null }), '#/')).toBeNull();
    expect(routeOfLinkClick(tap(), '#/cases/abc')).toBeNull();
  });
});
