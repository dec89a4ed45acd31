// 材料目录: on a long checklist the agent jumps to a material instead of scrolling past photos.
// Each entry shows the material's state, so what still needs work is visible at a glance.
import { useAppState } from '../../app/context';
import { MATERIAL_STATUS_LABELS } from './material-card';

/** Shown from this many materials on: a short checklist fits on the screen anyway. */
export const MATERIAL_INDEX_FROM = 4;

function jumpTo(id: string) {
  const card = document.querySelector<HTMLElement>(`[data-material="${id}"]`);
  if (!card) return;
  card.scrollIntoView({ behavior: 'smooth', block: 'start' });
  card.querySelector<HTMLElement>('button:not([disabled]), input:not([disabled])')?.focus({ preventScroll: true });
}

export function MaterialIndex() {
  const wb = useAppState().workbench;
  const item = wb.item.value;
  if (!item || item.materials.length < MATERIAL_INDEX_FROM) return null;
  const states = wb.report.value?.materials ?? {};
  return (
    <nav class="material-index card" aria-label="材料目录">
      <h2>材料目录</h2>
      <ol>
        {item.materials.map((m) => {
          const status = states[m.id]?.status ?? 'missing';
          return (
            <li key={m.id}>
              <button type="button" class="material-index__jump" data-status={status} onClick={() => jumpTo(m.id)}>
                <span>{m.name}</span>
                <span class={`material-index__status material-index__status--${status}`}>
                  {MATERIAL_STATUS_LABELS[status]}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
