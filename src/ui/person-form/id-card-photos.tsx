import type { Signal } from '@preact/signals';
import { useSignal } from '@preact/signals';
import { attachIdCardPhoto } from '../../state/persons';
import type { PersonDraft } from '../../state/person-form';
import { useAppState } from '../app/context';
import { PhotoPicker } from '../components/photo-picker';
import { BlobImage } from '../components/blob-image';
import { ProgressBar } from '../components/progress-bar';
import { Banner } from '../components/banner';

const SIDES = [
  { key: 'frontPhoto', label: '身份证人像面' },
  { key: 'backPhoto', label: '身份证国徽面' },
] as const;

/** ID-card photos kept on the profile: later cases reuse them while the card is valid. */
export function IdCardPhotos({
  draft,
  onPhoto,
  readingOn = false,
}: {
  draft: Signal<PersonDraft>;
  /** Unless 证件识别 is known to be off: the same photo is also read (the agent photographs once). */
  onPhoto?: ((side: 'front' | 'back', photo: File) => void) | undefined;
  /** 证件识别 is known to be on: the agent is told. */
  readingOn?: boolean;
}) {
  const state = useAppState();
  const progress = useSignal<Record<string, number | undefined>>({});
  const error = useSignal<string | null>(null);

  const attach = async (key: 'frontPhoto' | 'backPhoto', file: File) => {
    error.value = null;
    progress.value = { ...progress.value, [key]: 0 };
    let done = false; // late progress messages from the worker must not bring the bar back
    try {
      const sha = await attachIdCardPhoto(state, file, (f) => {
        if (!done) progress.value = { ...progress.value, [key]: f };
      });
      draft.value = { ...draft.value, [key]: sha };
      onPhoto?.(key === 'frontPhoto' ? 'front' : 'back', file);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      done = true;
      const { [key]: _done, ...rest } = progress.value;
      progress.value = rest;
    }
  };

  return (
    <fieldset class="card stack">
      <legend>身份证照片（办件时自动带入）</legend>
      {onPhoto && readingOn && (
        <p class="muted">证件识别已开启：拍照后自动读出证件上的内容，填入空白项，请核对后确认。</p>
      )}
      <div class="idphotos">
        {SIDES.map((s) => {
          const sha = draft.value[s.key];
          const p = progress.value[s.key];
          return (
            <div key={s.key} class="idphoto">
              <strong>{s.label}</strong>
              {sha ? (
                <BlobImage sha256={sha} alt={s.label} class="idphoto__img" />
              ) : (
                <div class="idphoto__img" role="img" aria-label={`${s.label}：未拍摄`} />
              )}
              {p !== undefined ? (
                <ProgressBar label={`正在处理${s.label}`} value={p} />
              ) : (
                <PhotoPicker label={s.label} onFiles={(files) => void attach(s.key, files[0]!)} />
              )}
            </div>
          );
        })}
      </div>
      {error.value && <Banner tone="danger">{error.value}</Banner>}
    </fieldset>
  );
}
