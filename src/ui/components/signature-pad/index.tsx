import { useEffect, useRef, useState } from 'preact/hooks';
import SignaturePad from 'signature_pad';
import { Button } from '../button';
import './signature-pad.css';

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

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { penColor: '#000', backgroundColor: '#fff', minWidth: 1.5, maxWidth: 4 });
    padRef.current = pad;
    const onEnd = () => setEmpty(pad.isEmpty());
    pad.addEventListener('endStroke', onEnd);
    // Size the bitmap to the CSS box × device pixel ratio, otherwise strokes are blurry and offset.
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const data = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(canvas);
    return () => { ro.disconnect(); pad.removeEventListener('endStroke', onEnd); pad.off(); };
  }, []);

  const clear = () => { padRef.current?.clear(); setEmpty(true); };
  const save = () => {
    const canvas = canvasRef.current;
    if (!canvas || padRef.current?.isEmpty()) return;
    canvas.toBlob((blob) => blob && onSave(blob), 'image/png');
  };

  return (
    <div class="sigbox">
      <canvas ref={canvasRef} class="sigbox__canvas" role="img" aria-label={`${label}（请在此框内用手指签名）`} data-testid="signature-canvas" />
      <div class="row">
        <Button onClick={clear} disabled={disabled}>清除重签</Button>
        <Button variant="primary" onClick={save} disabled={disabled || empty}>{saveLabel}</Button>
      </div>
    </div>
  );
}
