import { Icon } from '../icon';
import './photo-picker.css';

interface Props {
  /** What is being captured, e.g. "身份证正面": part of each button's accessible name. */
  label: string;
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  disabled?: boolean;
}

/**
 * Two ways in: the camera (`capture="environment"` opens the back camera on tablets/phones)
 * and a plain picker (gallery, or files on a PC). Real inputs inside labels: keyboard, screen
 * readers and test tools find them by name.
 */
export function PhotoPicker({ label, onFiles, multiple, disabled }: Props) {
  const take = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = ''; // the same file may be picked again after deleting it
    if (files.length) onFiles(files);
  };
  return (
    <div class="photo-picker row">
      <label class={`photo-picker__btn btn btn--primary${disabled ? ' is-disabled' : ''}`}>
        <input
          class="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          multiple={multiple}
          disabled={disabled}
          onChange={take}
          aria-label={`拍照：${label}`}
        />
        <Icon name="camera" />
        <span aria-hidden="true">拍照</span>
      </label>
      <label class={`photo-picker__btn btn${disabled ? ' is-disabled' : ''}`}>
        <input
          class="visually-hidden"
          type="file"
          accept="image/*"
          multiple={multiple}
          disabled={disabled}
          onChange={take}
          aria-label={`从相册选择：${label}`}
        />
        <Icon name="image" />
        <span aria-hidden="true">从相册选择</span>
      </label>
    </div>
  );
}
