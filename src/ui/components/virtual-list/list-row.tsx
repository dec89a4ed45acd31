// One row's content, drawn again only when its item, index or context changes. A fling moves the
// window by a row or so per frame: without this every row in view ran its render (and its signal
// subscriptions) again in every frame, tens of ms per frame at 4× slowdown (issue 13).
import { Component, type ComponentChildren } from 'preact';

interface Props<T> {
  item: T;
  index: number;
  context: unknown;
  render: (item: T, index: number) => ComponentChildren;
}

export class ListRow<T> extends Component<Props<T>> {
  override shouldComponentUpdate({ item, index, context }: Props<T>): boolean {
    const now = this.props;
    return item !== now.item || index !== now.index || context !== now.context;
  }

  override render({ item, index, render }: Props<T>): ComponentChildren {
    return render(item, index);
  }
}
