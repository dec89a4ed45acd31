import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../button';
import './photo-viewer.css';

interface Props {
  /** Object URL of the image, or null when closed. */
  src: string | null;
  title: string;
  onClose: () => void;
  onPrev?: (() => void) | undefined;
  onNext?: (() => void) | undefined;
}

/** Full-screen image viewer on the native <dialog>; Esc closes. */
export function PhotoViewer({ src, title, onClose, onPrev, onNext }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (src && !d.open) d.showModal();
    if (!src && d.open) d.close();
  }, [src]);
  return (
    <dialog
      ref={ref}
      class="viewer"
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div class="viewer__bar row">
        <strong class="viewer__title">{title}</strong>
        {onPrev && <Button onClick={onPrev}>上一页</Button>}
        {onNext && <Button onClick={onNext}>下一页</Button>}
        <Button variant="primary" onClick={onClose}>
          关闭
        </Button>
      </div>
      {src && <img class="viewer__img" src={src} alt={title} />}
    </dialog>
  );
}
