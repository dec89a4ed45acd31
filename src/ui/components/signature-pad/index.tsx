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
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
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

  // The canvas is drawn only once the library is here, and the pad is attached in the same frame
  // (layout effect): a stroke can never land on a canvas nobody listens to.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !Pad) return;
    const pad = new Pad(canvas, { penColor: '#000', backgroundColor: '#fff', minWidth: 1.5, maxWidth: 4 });
    padRef.current = pad;
    const onEnd = () => setEmpty(pad.isEmpty());
    pad.addEventListener('endStroke', onEnd);
    // Size the bitmap to the CSS box × device pixel ratio, otherwise strokes are blurry and offset.
    // The size comes from the observer (its first call is in this frame, after layout, before
    // paint): reading offsetWidth here forced a layout of the whole workbench per signature box
    // (issue 13: ~90 ms at 4× CPU when a case opened).
    const fit = ([entry]: ResizeObserverEntry[]) => {
      const box = entry?.borderBoxSize[0];
      if (!box) return;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const data = pad.toData();
      canvas.width = box.inlineSize * ratio;
      canvas.height = box.blockSize * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    };
    const ro = new ResizeObserver(fit);
    ro.observe(canvas);
    return () => {
      ro.disconnect();
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
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
    <div class="sigbox">
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
