// A rating face drawn as SVG: emoji need a colour-emoji font that many village tablets lack, and
// then show an empty box. Level 5 smiles widest, 1 frowns with knitted brows; colour follows the
// level, but the mouth alone tells them apart for colour-blind eyes.
interface Props {
  level: number;
  size?: number;
}

const COLOURS: Record<number, string> = { 5: '#1b7f3b', 4: '#3f8f2f', 3: '#8a6d00', 2: '#b54708', 1: '#a4161a' };

/** Mouth as a quadratic curve: the control point's height sets smile (below) or frown (above). */
const MOUTH_BEND: Record<number, number> = { 5: 14, 4: 8, 3: 0, 2: -7, 1: -12 };

export function RatingFace({ level, size = 56 }: Props) {
  const colour = COLOURS[level] ?? COLOURS[3];
  const bend = MOUTH_BEND[level] ?? 0;
  return (
    <svg
      class="rating-face"
      width={size}
      height={size}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
      data-level={level}
    >
      <circle cx="32" cy="32" r="29" fill="#fff" stroke={colour} stroke-width="4" />
      <circle cx="22" cy="26" r="4" fill={colour} />
      <circle cx="42" cy="26" r="4" fill={colour} />
      {level === 1 && (
        <path d="M15 16 L26 20 M49 16 L38 20" stroke={colour} stroke-width="3.5" stroke-linecap="round" />
      )}
      <path
        class="rating-face__mouth"
        d={`M20 ${44 - bend / 2} Q32 ${44 + bend} 44 ${44 - bend / 2}`}
        fill="none"
        stroke={colour}
        stroke-width="4"
        stroke-linecap="round"
      />
    </svg>
  );
}
