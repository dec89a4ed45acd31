// Full-screen photo with zoom (buttons, wheel) and drag to pan: the reviewer reads the small print
// on an ID card or a 户口簿 page. Native <dialog>: Esc closes, focus stays inside.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../../components/button';

interface Props {
  url: string | null;
  title: string;
  onClose: () => void;
}

const STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6];

export function ZoomViewer({ url, title, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState(2);
  const [rotation, setRotation] = useState(0);
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (url && !d.open) d.showModal();
    if (!url && d.open) d.close();
    setStep(2);
    setRotation(0);
    setOffset({ x: 0, y: 0 });
  }, [url]);
  const scale = STEPS[step] ?? 1;
  const zoom = (delta: number) => setStep((s) => Math.min(STEPS.length - 1, Math.max(0, s + delta)));
  return (
    <dialog
      ref={ref}
      class="zoom"
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div class="zoom__bar row">
        <strong class="zoom__title">{title}</strong>
        <Button onClick={() => zoom(-1)} aria-label="缩小">
          －
        </Button>
        <span aria-live="polite">{Math.round(scale * 100)}%</span>
        <Button onClick={() => zoom(1)} aria-label="放大">
          ＋
        </Button>
        <Button onClick={() => setRotation((r) => (r + 90) % 360)}>旋转</Button>
        <Button
          onClick={() => {
            setStep(2);
            setOffset({ x: 0, y: 0 });
          }}
        >
          还原
        </Button>
        <Button variant="primary" onClick={onClose}>
          关闭
        </Button>
      </div>
      <div
        class="zoom__stage"
        onWheel={(e) => {
          e.preventDefault();
          zoom(e.deltaY < 0 ? 1 : -1);
        }}
        onPointerDown={(e) => {
          drag.current = { x: e.clientX - offset.x, y: e.clientY - offset.y };
          (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          if (drag.current) setOffset({ x: e.clientX - drag.current.x, y: e.clientY - drag.current.y });
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
      >
        {url && (
          <img
            src={url}
            alt={title}
            draggable={false}
            style={{ transform: `translate(${offset.x}px, ${offset.y}px) scale(${scale}) rotate(${rotation}deg)` }}
          />
        )}
      </div>
    </dialog>
  );
}
