// Each page's measured quality (from the image worker) against the rule's thresholds. A page may
// fail several ways at once; each gets its own finding so the agent knows what to change.
import type { QualityMetrics } from '../../schemas/case';
import type { PhotoThresholds } from '../../schemas/catalog';
import type { Severity } from '../../result';
import { finding } from '../findings';
import { backdropProblems } from './photo-backdrop';
import type { Finding, RuleEvaluator } from '../types';

interface PageProblem {
  code: string;
  severity: Severity;
  advice: string;
}

/**
 * Resolution is objective (error). Blur has two thresholds (calibrated on made photos:
 * tests/e2e/photo-calibration.spec.ts): below the hard one the text is unreadable and the township
 * would return it (error); between the two the agent looks and may overrule (warning). Camera shake
 * smears one direction only, so it is told by isotropy, not sharpness (error). Exposure is a
 * heuristic (warning).
 */
export function photoProblems(q: QualityMetrics, t: PhotoThresholds): PageProblem[] {
  const words = ADVICE[t.subject];
  const problems: PageProblem[] = [];
  const longEdge = Math.max(q.width, q.height),
    shortEdge = Math.min(q.width, q.height);
  if (longEdge < t.minLongEdge || (t.minShortEdge !== undefined && shortEdge < t.minShortEdge)) {
    problems.push({
      code: 'photo.resolution',
      severity: 'error',
      advice: `照片分辨率太低（${q.width}×${q.height}像素，长边至少需要${t.minLongEdge}像素），${words.resolution}`,
    });
  }
  if (q.sharpness < t.hardMinSharpness) {
    problems.push({ code: 'photo.blurred', severity: 'error', advice: words.unreadable });
  } else if (q.isotropy !== undefined && q.isotropy < t.minIsotropy) {
    problems.push({ code: 'photo.blurred', severity: 'error', advice: words.shaken });
  } else if (q.sharpness < t.minSharpness) {
    problems.push({ code: 'photo.blurred', severity: 'warning', advice: words.soft });
  }
  if (q.mean < t.minMean) {
    problems.push({ code: 'photo.dark', severity: 'warning', advice: '照片太暗，请开灯或移到窗边光线充足处重新拍摄' });
  } else if (q.mean > t.maxMean) {
    problems.push({
      code: 'photo.bright',
      severity: 'warning',
      advice: '照片过亮，请避开阳光直射、关闭闪光灯后重新拍摄',
    });
  }
  if (q.clipped > t.maxClipped) {
    problems.push({ code: 'photo.clipped', severity: 'warning', advice: words.clipped });
  }
  return [...problems, ...backdropProblems(q, t)];
}

/** The advice that depends on what is photographed: a paper's text, a person's face, or a place. */
const ADVICE: Record<
  PhotoThresholds['subject'],
  Record<'resolution' | 'unreadable' | 'shaken' | 'soft' | 'clipped', string>
> = {
  document: {
    resolution: '请靠近文件、使用手机原相机重新拍摄',
    unreadable: '照片太模糊，字迹看不清，乡镇会退回。请对准文件、等画面清楚后再拍，拍时双手拿稳',
    shaken: '拍照时手机晃动，字迹有拖影，乡镇会退回。请双手拿稳、手肘靠在桌上，重新拍摄',
    soft: '照片有些模糊，请放大看看字迹是否清楚；看不清就对准文件重新拍摄，拍时双手拿稳',
    clipped: '照片有大片反光或死黑区域，请调整角度避开反光，让文件铺满画面后重新拍摄',
  },
  portrait: {
    resolution: '请靠近一些、使用手机原相机重新拍摄',
    unreadable: '照片太模糊，面部看不清，乡镇会退回。请对准面部、等画面清楚后再拍，拍时双手拿稳',
    shaken: '拍照时手机晃动，面部有拖影，乡镇会退回。请双手拿稳、手肘靠在桌上，重新拍摄',
    soft: '照片有些模糊，请放大看看面部是否清楚；看不清就对准面部重新拍摄，拍时双手拿稳',
    clipped: '照片有大片反光或死黑区域，请避开反光和强光，让人像居中、背景平整后重新拍摄',
  },
  scene: {
    resolution: '请使用手机原相机重新拍摄',
    unreadable: '照片太模糊，看不清拍的内容，乡镇会退回。请对准要拍的地方、等画面清楚后再拍，拍时双手拿稳',
    shaken: '拍照时手机晃动，画面有拖影，乡镇会退回。请双手拿稳、站稳后重新拍摄',
    soft: '照片有些模糊，请放大看看是否看得清；看不清就重新拍摄，拍时双手拿稳',
    clipped: '照片有大片反光或死黑区域，请换个角度避开强光后重新拍摄',
  },
};

export const photoQuality: RuleEvaluator<'photo-quality'> = {
  kind: 'photo-quality',
  evaluate(rule, ctx) {
    const m = ctx.captured(rule.material);
    if (!m) return [];
    const name = m.requirement.name;
    const out: Finding[] = [];
    m.pages.forEach((page, i) => {
      const n = i + 1;
      const target = { type: 'material', id: rule.material, page: n } as const;
      if (!page.quality) {
        out.push(
          finding(
            'photo.unmeasured',
            'warning',
            `${name}第${n}页照片尚未检测质量，请打开该页确认文字清晰、四角完整`,
            target,
            'photo-quality',
          ),
        );
        return;
      }
      for (const p of photoProblems(page.quality, rule.thresholds)) {
        out.push(finding(p.code, p.severity, `${name}第${n}页${p.advice}`, target, 'photo-quality'));
      }
    });
    return out;
  },
  materials: (rule) => [rule.material],
};
