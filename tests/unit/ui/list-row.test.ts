// The virtual list's row (src/ui/components/virtual-list/list-row.tsx): drawn again only when its
// item, its index or the list's row context changes, not whenever the list draws (every frame of
// a scroll). Rendered into a minimal DOM-less check: the decision and what it renders.
import { describe, expect, it, vi } from 'vitest';
import { ListRow } from '../../../src/ui/components/virtual-list/list-row';

const itemA = { id: 'a' };
const itemB = { id: 'b' };
const problems = new Map<string, string>();

function rowWith(props: { item: object; index: number; context: unknown }) {
  const render = vi.fn((item: { id: string }, index: number) => `${item.id}#${index}`);
  const row = new ListRow<{ id: string }>({ ...props, render } as never);
  row.props = { ...props, render } as never;
  return { row, render };
}

describe('ListRow', () => {
  it('skips a draw when only the render function is new (the list drew again)', () => {
    const { row } = rowWith({ item: itemA, index: 3, context: problems });
    expect(row.shouldComponentUpdate({ item: itemA, index: 3, context: problems, render: () => 'new closure' })).toBe(
      false,
    );
  });

  it('draws again for a new item, index or context', () => {
    const { row } = rowWith({ item: itemA, index: 3, context: problems });
    const render = () => null;
    expect(row.shouldComponentUpdate({ item: itemB, index: 3, context: problems, render })).toBe(true);
    expect(row.shouldComponentUpdate({ item: itemA, index: 4, context: problems, render })).toBe(true);
    expect(row.shouldComponentUpdate({ item: itemA, index: 3, context: new Map(), render })).toBe(true);
  });

  it('renders its item at its index', () => {
    const { row, render } = rowWith({ item: itemB, index: 7, context: undefined });
    expect(row.render(row.props)).toBe('b#7');
    expect(render).toHaveBeenCalledWith(itemB, 7);
  });
});
