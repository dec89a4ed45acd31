// Each page's measured quality (from the image worker) against the rule's thresholds. A page may
// fail several ways at once; each gets its own finding so the agent knows what to change.
import type { QualityMetrics } from '../../schemas/case';
import type { PhotoThresholds } from '../../schemas/catalog';
import type { Severity } from '../../result';
import { finding } from '../findings';
import type { Finding, RuleEvaluator } from '../types';

interface PageProblem {
  code: string;
  severity: Severity;
  advice: string;
}

/** Resolution is objective (error); blur and exposure are heuristics the agent may overrule (warning). */
function pageProblems(q: QualityMetrics, t: PhotoThresholds): PageProblem[] {
  const problems: PageProblem[] = [];
  const longEdge = Math.max(q.width, q.height),
    shortEdge = Math.min(q.width, q.height);
  if (longEdge < t.minLongEdge || (t.minShortEdge !== undefined && shortEdge < t.minShortEdge)) {
    problems.push({
      code: 'photo.resolution',
      severity: 'error',
      advice: `照片分辨率太低（${q.width}×${q.height}像素，长边至少需要${t.minLongEdge}像素），请靠近文件、使用手机原相机重新拍摄`,
    });
  }
  if (q.sharpness < t.minSharpness) {
    problems.push({
      code: 'photo.blurred',
      severity: 'warning',
      advice: '照片模糊，请在光线充足处重新拍摄，保持手机稳定',
    });
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
    problems.push({
      code: 'photo.clipped',
      severity: 'warning',
      advice: '照片有大片反光或死黑区域，请调整角度避开反光，让文件铺满画面后重新拍摄',
    });
  }
  return problems;
}

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
      for (const p of pageProblems(page.quality, rule.thresholds)) {
        out.push(finding(p.code, p.severity, `${name}第${n}页${p.advice}`, target, 'photo-quality'));
      }
    });
    return out;
  },
  materials: (rule) => [rule.material],
};
