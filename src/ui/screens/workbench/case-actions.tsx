import { useSignal } from '@preact/signals';
import { recallOpenCase, showToast, submitOpenCase } from '../../../state';
import { useAppState } from '../../app/context';
import { Button, LinkButton } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Banner } from '../../components/banner';
import { Icon } from '../../components/icon';

/**
 * Submit (only when the report allows), recall before sync, and the printable papers: a bar stuck to
 * the bottom of the screen (workbench.css), so they never sit 2,000 px down a side panel.
 */
export function CaseActions() {
  const state = useAppState();
  const wb = state.workbench;
  const c = wb.record.value!;
  const report = wb.report.value;
  /** A returned case: every flagged item must be changed first. */
  const returnBlock = wb.returnBlock.value;
  const busy = useSignal(false);
  const confirmRecall = useSignal(false);
  const error = useSignal<string | null>(null);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    busy.value = true;
    error.value = null;
    try {
      await fn();
      showToast(state, 'success', done);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = false;
    }
  };

  return (
    <section class="case-actions no-print" aria-label="办件操作">
      {wb.editable.value && (
        <>
          <Button
            variant="primary"
            disabled={!report?.canSubmit || returnBlock !== null || busy.value}
            onClick={() =>
              void run(
                () => submitOpenCase(state),
                state.online.value ? '已提交，正在同步到乡镇' : '已提交，联网后自动同步到乡镇',
              )
            }
          >
            {c.status === 'returned' ? '补正后重新提交' : '提交到乡镇'}
          </Button>
          {returnBlock !== null && (
            <p class="warn-text case-actions__note" data-testid="return-block">
              {returnBlock}
            </p>
          )}
          {!report?.canSubmit && <p class="muted case-actions__note">预审通过后才能提交。</p>}
        </>
      )}
      {c.status === 'queued' && (
        <Button
          disabled={busy.value}
          onClick={() => {
            confirmRecall.value = true;
          }}
        >
          撤回修改
        </Button>
      )}
      <LinkButton href={`#/cases/${c.id}/notice`}>
        <Icon name="doc" />
        一次性告知单
      </LinkButton>
      {/* Named in full for screen readers; a phone shows the short label (workbench.css). */}
      <LinkButton href={`#/cases/${c.id}/receipt`} aria-label="办件回执（二维码）">
        <Icon name="qr" />
        <span>
          办件回执<span class="case-actions__long">（二维码）</span>
        </span>
      </LinkButton>
      {error.value && <Banner tone="danger">{error.value}</Banner>}
      <ConfirmDialog
        open={confirmRecall.value}
        title="撤回修改？"
        confirmLabel="撤回修改"
        onCancel={() => {
          confirmRecall.value = false;
        }}
        onConfirm={() => {
          confirmRecall.value = false;
          void run(() => recallOpenCase(state), '已撤回，可以继续修改');
        }}
      >
        <p>办件还没有同步到乡镇。撤回后可以修改，改好后需要重新提交。</p>
      </ConfirmDialog>
    </section>
  );
}
