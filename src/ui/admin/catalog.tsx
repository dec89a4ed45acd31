// 事项清单: the county admin edits a service item as JSON with live checks (schema and rule
// references), a field-level diff against the published version and a rules preview on a sample
// case; then saves a draft, publishes a new version (tablets pull it) or withdraws (停用) the item.
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { useAppState } from '../app/context';
import { createCatalogEditorState, type CatalogEditorState } from '../../state/admin/catalog';
import { Banner } from '../components/banner';
import { Button } from '../components/button';
import { CatalogForm } from './catalog-form';
import './catalog.css';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const KIND = { added: '新增', removed: '删除', changed: '修改' } as const;
const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v).slice(0, 120));

function Checks({ s }: { s: CatalogEditorState }) {
  const problems = s.check.value.problems;
  return (
    <div class="card stack" aria-live="polite" data-testid="catalog-check">
      <h2>检查结果</h2>
      {problems.length === 0 ? (
        <p class="catalog-ok">✓ 格式和引用均正确，可以发布</p>
      ) : (
        <ul class="catalog-problems">
          {problems.map((p, i) => (
            <li key={i}>
              {p.path && <code>{p.path}</code>} {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Diff({ s }: { s: CatalogEditorState }) {
  const published = s.published.value;
  const changes = s.diff.value;
  return (
    <div class="card stack" data-testid="catalog-diff">
      <h2>与已发布版本（第 {published?.version ?? '-'} 版）的差异</h2>
      {changes.length === 0 ? (
        <p class="muted">没有改动</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">位置</th>
              <th scope="col">变化</th>
              <th scope="col">原值</th>
              <th scope="col">新值</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.path}>
                <td>
                  <code>{c.path}</code>
                </td>
                <td>{KIND[c.kind]}</td>
                <td class="mono">{show(c.before)}</td>
                <td class="mono">{show(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Preview({ s }: { s: CatalogEditorState }) {
  const report = s.preview.value;
  return (
    <div class="card stack" data-testid="catalog-preview">
      <h2>预览：示例办件的检查结果</h2>
      <label class="field__label" for="catalog-birth">
        示例申请人出生日期
      </label>
      <input
        id="catalog-birth"
        class="field__input"
        type="date"
        value={s.birthDate.value}
        onInput={(e) => {
          s.birthDate.value = e.currentTarget.value;
        }}
      />
      {!report ? (
        <p class="muted">改正上面的问题后显示预览。</p>
      ) : (
        <>
          <p>
            {report.canSubmit ? '示例办件可以提交' : '示例办件不能提交'}：错误 {report.errors} 项，提醒{' '}
            {report.warnings} 项
          </p>
          <ul>
            {report.findings.map((f) => (
              <li key={f.key}>
                {f.severity === 'error' ? '错误' : f.severity === 'warning' ? '提醒' : '说明'}：{f.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function CatalogScreen({ visit }: { visit: number }) {
  const app = useAppState();
  const s = useMemo(() => createCatalogEditorState(app.api, () => app.today.value), [app]);
  useEffect(() => {
    void s.load();
  }, [visit]);
  const data = s.catalog.data.value;
  const published = s.published.value;
  const drafts = new Set(data?.drafts.map((d) => d.code));
  const newCode = useSignal('');
  return (
    <section class="stack catalog-editor" aria-labelledby="catalog-title">
      <h1 id="catalog-title">事项清单</h1>
      {s.catalog.error.value && <Banner tone="danger">{s.catalog.error.value}</Banner>}
      <div class="card row">
        <label class="field__label" for="catalog-item">
          选择事项
        </label>
        <select id="catalog-item" value={s.code.value ?? ''} onChange={(e) => s.open(e.currentTarget.value)}>
          <option value="" disabled>
            请选择
          </option>
          {s.code.value && !published && <option value={s.code.value}>{s.code.value}（新事项，未发布）</option>}
          {data?.items.map((i) => (
            <option key={i.code} value={i.code}>
              {i.name}（{i.code}，第 {i.version} 版{i.withdrawn ? '，已停用' : ''}
              {drafts.has(i.code) ? '，有草稿' : ''}）
            </option>
          ))}
        </select>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            s.newItem(newCode.value.trim().toUpperCase());
          }}
        >
          <label class="field__label" for="catalog-new-code">
            新事项编码
          </label>
          <input
            id="catalog-new-code"
            class="field__input"
            placeholder="如 MZ-XXBT"
            value={newCode.value}
            onInput={(e) => {
              newCode.value = e.currentTarget.value;
            }}
          />
          <Button type="submit" disabled={!data || newCode.value.trim() === ''}>
            新建事项
          </Button>
        </form>
        <Button onClick={() => download('daiban-catalog.json', s.exportText())} disabled={!data}>
          导出全部（JSON）
        </Button>
        <label class="btn btn--secondary" for="catalog-import">
          导入 JSON 为草稿
        </label>
        <input
          id="catalog-import"
          class="visually-hidden"
          type="file"
          accept=".json,application/json"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            let text: string;
            try {
              text = await file.text();
            } catch (x) {
              // Moved or deleted since it was chosen, or unreadable.
              s.message.value = {
                tone: 'danger',
                text: `读不出这个文件（${x instanceof Error ? x.message : String(x)}）。请重新选择。`,
              };
              return;
            }
            await s.importText(text);
          }}
        />
      </div>
      {s.message.value && (
        <Banner tone={s.message.value.tone}>
          <span role="status">{s.message.value.text}</span>
        </Banner>
      )}
      {s.code.value && (
        <div class="catalog-grid">
          <div class="card stack">
            <details open>
              <summary>
                <h2 class="catalog-form__title">常用设置（表格）</h2>
              </summary>
              <CatalogForm s={s} />
            </details>
            <label class="field__label" for="catalog-json">
              事项内容（JSON）{published?.withdrawn ? '——该事项已停用' : ''}
            </label>
            <textarea
              id="catalog-json"
              class="catalog-json"
              spellcheck={false}
              value={s.text.value}
              onInput={(e) => {
                s.text.value = e.currentTarget.value;
              }}
            />
            <div class="row">
              <Button onClick={() => void s.saveDraft()} disabled={s.busy.value}>
                保存草稿
              </Button>
              <Button
                variant="primary"
                onClick={() => void s.publish()}
                disabled={s.busy.value || !s.check.value.ok || (published !== undefined && s.diff.value.length === 0)}
              >
                {published ? '发布新版本' : '发布新事项'}
              </Button>
              <Button onClick={() => void s.discardDraft()} disabled={s.busy.value || !drafts.has(s.code.value)}>
                删除草稿
              </Button>
              <Button onClick={() => void s.setWithdrawn(!published?.withdrawn)} disabled={s.busy.value || !published}>
                {published?.withdrawn ? '重新启用' : '停用事项'}
              </Button>
            </div>
          </div>
          <div class="stack">
            <Checks s={s} />
            <Diff s={s} />
            <Preview s={s} />
          </div>
        </div>
      )}
    </section>
  );
}
