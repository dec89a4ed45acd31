// 行政区划: import the county's townships and villages from a CSV file (preview first: counts and
// every bad row with its line number; the import writes all or nothing), and the list as it is.
import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { decodeCsv, type AdminState } from '../../state/admin';
import { Banner } from '../components/banner';
import { Button } from '../components/button';

export function DivisionsScreen({ state, visit }: { state: AdminState; visit: number }) {
  const csv = useSignal<string | null>(null);
  const fileName = useSignal('');
  useEffect(() => {
    void state.loadDivisions();
  }, [visit]);
  const preview = state.preview.data.value;
  const done = state.imported.value;
  const divisions = state.divisions.data.value ?? [];
  const townships = divisions.filter((d) => d.level === 'township');
  const villagesOf = (code: string) => divisions.filter((d) => d.parentCode === code);
  return (
    <section class="stack" aria-labelledby="divisions-title">
      <h1 id="divisions-title">行政区划</h1>
      <div class="card stack">
        <h2>从 CSV 文件导入乡镇和村</h2>
        <p class="muted">
          第一行为表头“代码,名称”（或 code,name）；每行一个 12 位代码和名称。代码末三位为 000
          的是乡镇，其余是村（社区）。 文件可用 UTF-8 或 GBK（Excel 默认）保存。有任何一行出错时，整个文件都不会导入。
        </p>
        <label class="field__label" for="divisions-file">
          选择 CSV 文件
        </label>
        <input
          id="divisions-file"
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            try {
              csv.value = decodeCsv(await file.arrayBuffer());
              fileName.value = file.name;
            } catch (x) {
              // Moved or deleted since it was chosen, or unreadable: nothing of an earlier file stays
              // to be imported under this one's name.
              csv.value = null;
              state.preview.reset();
              state.preview.error.value = `读不出这个文件（${x instanceof Error ? x.message : String(x)}）。请重新选择。`;
              return;
            }
            await state.previewCsv(csv.value);
          }}
        />
        {state.preview.loading.value && <p aria-busy="true">正在检查文件……</p>}
        {state.preview.error.value && <Banner tone="danger">{state.preview.error.value}</Banner>}
        {preview && (
          <div class="stack" aria-live="polite">
            <p>
              {fileName.value}：乡镇 <strong>{preview.townships}</strong> 个，村（社区）{' '}
              <strong>{preview.villages}</strong> 个；其中新增 {preview.created} 个，更新 {preview.updated} 个。
            </p>
            {preview.errors.length > 0 ? (
              <Banner tone="danger">
                <p>文件中有 {preview.errors.length} 处错误，请改正后重新选择文件：</p>
                <ul>
                  {preview.errors.map((e) => (
                    <li key={`${e.line}-${e.code}`}>{e.message}</li>
                  ))}
                </ul>
              </Banner>
            ) : (
              <Button
                variant="primary"
                disabled={state.busy.value || !csv.value}
                onClick={() => void state.importCsv(csv.value!)}
              >
                确认导入
              </Button>
            )}
          </div>
        )}
        {state.actionError.value && <Banner tone="danger">{state.actionError.value}</Banner>}
        {done && (
          <Banner tone="success">
            已导入：乡镇 {done.townships} 个，村（社区） {done.villages} 个（新增 {done.created}，更新 {done.updated}
            ）。
          </Banner>
        )}
      </div>
      <div class="card stack">
        <h2>本县现有乡镇和村（{townships.length} 个乡镇）</h2>
        {townships.length === 0 && <p class="muted">还没有导入任何乡镇。</p>}
        <ul>
          {townships.map((t) => (
            <li key={t.code}>
              {t.name} <span class="muted mono">{t.code}</span>：
              {villagesOf(t.code)
                .map((v) => v.name)
                .join('、') || '（没有村）'}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
