import type { FormDraft } from '../../hooks/use-form-draft';
import { Banner } from '../banner';
import { Button } from '../button';

/** Says that unsaved input came back, with a way to throw it away. */
export function DraftNote({ draft }: { draft: FormDraft }) {
  if (!draft.restored) return null;
  return (
    <Banner tone="info" class="draft-note">
      <span>已恢复上次未保存的内容</span>{' '}
      <Button variant="ghost" onClick={draft.discard}>
        放弃
      </Button>
    </Banner>
  );
}
