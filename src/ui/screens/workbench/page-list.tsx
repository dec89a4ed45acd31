import type { MaterialRequirement, Page } from '../../../domain';
import { movePage, replacePage, type Finding } from '../../../state';
import { useAppState } from '../../app/context';
import { BlobImage } from '../../components/blob-image';
import { Button } from '../../components/button';
import { Icon } from '../../components/icon';
import { FindingList } from './finding-list';
import type { DeleteTarget } from './material-list';

interface Props {
  requirement: MaterialRequirement;
  pages: readonly Page[];
  findings: readonly Finding[];
  editable: boolean;
  onView: (index: number) => void;
  onDelete: (t: DeleteTarget) => void;
}

/** Captured pages: thumbnail (opens the full-screen viewer), its findings, and move/retake/delete. */
export function PageList({ requirement: r, pages, findings, editable, onView, onDelete }: Props) {
  const state = useAppState();
  if (pages.length === 0) return null;
  const fail = (e: unknown) => {
    state.workbench.error.value = e instanceof Error ? e.message : String(e);
  };
  return (
    <ol class="pages" aria-label={`${r.name}：已拍 ${pages.length} 页`}>
      {pages.map((p, i) => {
        const n = i + 1;
        const label = `${r.name} 第 ${n} 页`;
        const own = findings.filter((f) => f.target.type === 'material' && f.target.page === n);
        return (
          <li key={p.sha256} class="page" data-page={n}>
            <button type="button" class="page__thumb" onClick={() => onView(i)} aria-label={`查看大图：${label}`}>
              <BlobImage sha256={p.sha256} alt="" />
            </button>
            <strong>第 {n} 页</strong>
            <FindingList findings={own} />
            {editable && (
              <div class="page__tools">
                <Button
                  onClick={() => void movePage(state, r.id, i, -1).catch(fail)}
                  disabled={i === 0}
                  aria-label={`上移：${label}`}
                >
                  <Icon name="up" />
                  上移
                </Button>
                <Button
                  onClick={() => void movePage(state, r.id, i, 1).catch(fail)}
                  disabled={i === pages.length - 1}
                  aria-label={`下移：${label}`}
                >
                  <Icon name="down" />
                  下移
                </Button>
                <label class="btn" style={{ position: 'relative' }}>
                  <input
                    class="visually-hidden"
                    type="file"
                    accept="image/*"
                    capture="environment"
                    aria-label={`重拍：${label}`}
                    onChange={(e) => {
                      const input = e.currentTarget;
                      const file = input.files?.[0];
                      input.value = '';
                      if (file) void replacePage(state, r.id, i, file).catch(fail);
                    }}
                  />
                  <Icon name="camera" />
                  <span aria-hidden="true">重拍</span>
                </label>
                <Button
                  variant="danger"
                  onClick={() => onDelete({ requirementId: r.id, sha256: p.sha256, label })}
                  aria-label={`删除：${label}`}
                >
                  删除
                </Button>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
