import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type SignaturePad from 'signature_pad';
import { Button } from '../button';
import './signature-pad.css';

// signature_pad is loaded with the workbench (signaturePadSettled), not with the app: most screens
// never sign. Its chunk is precached by the service worker like every built file (works offline).
type PadClass = typeof SignaturePad;
let loaded: PadClass | undefined;
let loading: Promise<PadClass> | undefined;
const loadPad = () => (loading ??= import('signature_pad').then((m) => (loaded = m.default)));

/** Loads the pad before any box is drawn; resolves when it is loaded or has failed (issue 13: a
 *  box drawn first showed 正在打开签名板…… and the workbench was drawn and laid out a second time
 *  when the pad came, ~0.2 s at 4× CPU). A failure is left for the box, which loads again and
 *  shows the error. */
export function signaturePadSettled(): Promise<void> {
  return loadPad().then(
    () => undefined,
    () => {
      loading = undefined;
    },
  );
}

/** True once the pad is here: a box drawn now is ready at once. */
export const signaturePadLoaded = (): boolean => loaded !== undefined;

interface Props {
  label: string;
  /** Called with the signature as a PNG image. */
  onSave: (png: Blob) => void;
  saveLabel?: string;
  disabled?: boolean;
}

/** A finger/stylus signature box (signature_pad) with clear and save; saves a PNG blob. */
export function SignatureBox({ label, onSave, saveLabel = '确认签名', disabled }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const detachRef = useRef<() => void>(() => undefined);
  const [empty, setEmpty] = useState(true);
  const [Pad, setPad] = useState<PadClass | undefined>(() => loaded);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (Pad) return;
    let live = true;
    loadPad().then(
      (p) => {
        if (live) setPad(() => p);
      },
      (e: unknown) => {
        if (live) setLoadError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, []);

  /** Attaches the pad to the canvas (once): sized to its box, listening for strokes. */
  const attach = () => {
    const canvas = canvasRef.current;
    if (padRef.current || !canvas || !Pad) return;
    const pad = new Pad(canvas, { penColor: '#000', backgroundColor: '#fff', minWidth: 1.5, maxWidth: 4 });
    padRef.current = pad;
    const onEnd = () => setEmpty(pad.isEmpty());
    pad.addEventListener('endStroke', onEnd);
    // Size the bitmap to the CSS box × device pixel ratio, otherwise strokes are blurry and offset.
    let fitted = { width: 0, height: 0 };
    const fit = (width: number, height: number) => {
      fitted = { width, height };
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const data = pad.toData();
      canvas.width = width * ratio;
      canvas.height = height * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    };
    // Attached after layout (an observer's callback, a touch): reading the box costs nothing.
    const box = canvas.getBoundingClientRect();
    fit(box.width, box.height);
    const ro = new ResizeObserver(([entry]) => {
      const size = entry?.borderBoxSize[0];
      if (size && (size.inlineSize !== fitted.width || size.blockSize !== fitted.height))
        fit(size.inlineSize, size.blockSize);
    });
    ro.observe(canvas);
    detachRef.current = () => {
      ro.disconnect();
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
  };

  // The pad is attached when its box comes within a screen of the view, not when the case opens
  // (issue 13: each pad's canvas, fill and sizing cost ≈ 20 ms at 4× in the workbench's first
  // frame, and most boxes are far below it). A touch on a box not yet attached attaches it first
  // (capture phase, before the touch reaches the canvas): no stroke is ever lost.
  useLayoutEffect(() => {
    const el = boxRef.current;
    if (!el || !Pad) return;
    const io =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(
            (entries) => {
              if (!entries.some((e) => e.isIntersecting)) return;
              io?.disconnect();
              attach();
            },
            { rootMargin: '100% 0px' },
          )
        : undefined;
    if (io) io.observe(el);
    else attach();
    return () => {
      io?.disconnect();
      detachRef.current();
      detachRef.current = () => undefined;
    };
  }, [Pad]);

  const clear = () => {
    padRef.current?.clear();
    setEmpty(true);
  };
  const save = () => {
    const canvas = canvasRef.current;
    if (!canvas || padRef.current?.isEmpty()) return;
    canvas.toBlob((blob) => blob && onSave(blob), 'image/png');
  };

  return (
    <div class="sigbox" ref={boxRef} onPointerDownCapture={attach}>
      {Pad ? (
        <canvas
          ref={canvasRef}
          class="sigbox__canvas"
          role="img"
          aria-label={`${label}（请在此框内用手指签名）`}
          data-testid="signature-canvas"
        />
      ) : (
        <div class="sigbox__canvas sigbox__loading" aria-busy="true">
          {loadError ? `签名板无法打开：${loadError}。请刷新页面重试。` : '正在打开签名板……'}
        </div>
      )}
      <div class="row">
        <Button onClick={clear} disabled={disabled || !Pad}>
          清除重签
        </Button>
        <Button variant="primary" onClick={save} disabled={disabled || !Pad || empty}>
          {saveLabel}
        </Button>
      </div>
    </div>
  );
}
