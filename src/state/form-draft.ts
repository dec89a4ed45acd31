// Keeps one form's unsaved input on the device while it is typed (issue 14): written ~300 ms after
// the last keystroke and at once when the page is hidden or closed, offered back when the form
// opens again (after an update, a reload or a crash), deleted when the form is saved, cancelled or
// its draft discarded. Framework-free; the Preact side is src/ui/hooks/use-form-draft.ts.
import { deleteFormDraft, loadFormDraft, saveFormDraft } from '../storage/form-drafts';

export const DRAFT_SAVE_DELAY_MS = 300;

export interface DraftStore {
  load: typeof loadFormDraft;
  save: typeof saveFormDraft;
  remove: typeof deleteFormDraft;
}

const deviceStore: DraftStore = { load: loadFormDraft, save: saveFormDraft, remove: deleteFormDraft };

export interface DraftKeeperOptions<T> {
  userId: string;
  /** Form and record, e.g. `person:new`, `person:<id>`, `review-return:<caseId>`. */
  form: string;
  /** What the form shows with no draft: input equal to it is not a draft. */
  baseline: T;
  /** Puts a value into the form (a restored draft, or the baseline on discard). */
  apply: (value: T) => void;
  /** Turns a stored draft (possibly from an older version of the app) into a value, or rejects it. */
  parse?: (stored: unknown, baseline: T) => T | undefined;
  delayMs?: number;
  now?: () => number;
  store?: DraftStore;
  /** Reports a write that failed (the form keeps working; the draft is simply not kept). */
  onError?: (e: unknown) => void;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const sameKind = (a: unknown, b: unknown) =>
  a === undefined || a === null || (typeof a === typeof b && Array.isArray(a) === Array.isArray(b));

/**
 * The default `parse`: a stored object is laid over the baseline field by field, keeping only
 * fields of the same kind (an update may have changed the form's shape); anything else must be of
 * the baseline's kind.
 */
export function overBaseline<T>(stored: unknown, baseline: T): T | undefined {
  if (isObject(baseline)) {
    if (!isObject(stored)) return undefined;
    const out: Record<string, unknown> = { ...baseline };
    for (const [k, v] of Object.entries(stored)) if (sameKind(baseline[k], v)) out[k] = v;
    return out as T;
  }
  return stored !== undefined && sameKind(baseline, stored) ? (stored as T) : undefined;
}

export interface DraftKeeper<T> {
  /** Reads the stored draft and applies it; true when one was restored. */
  start: () => Promise<boolean>;
  /** The form's current input (call on every change). */
  update: (value: T) => void;
  /** Writes a pending change now (page hidden, closing, leaving the form). */
  flush: () => Promise<void>;
  /** Throws the draft away and puts the baseline back into the form. */
  discard: () => Promise<void>;
  /** The form was saved or cancelled: the draft goes and nothing more is written. */
  clear: () => Promise<void>;
  /** The form closes: a pending change is written, then nothing more. */
  dispose: () => Promise<void>;
}

export function createDraftKeeper<T>(opts: DraftKeeperOptions<T>): DraftKeeper<T> {
  const { userId, form, baseline, apply } = opts;
  const store = opts.store ?? deviceStore;
  const parse = opts.parse ?? overBaseline;
  const delay = opts.delayMs ?? DRAFT_SAVE_DELAY_MS;
  const now = opts.now ?? Date.now;
  const baseJson = JSON.stringify(baseline);
  let latest: T = baseline;
  let loaded = false;
  let closed = false;
  // Saved or cancelled: nothing more is ever written, not even input typed while loading.
  let cleared = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Writes run one after another: a slow write never lands after a newer one (or a delete).
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (fn: () => Promise<void>) => {
    chain = chain.then(fn).catch((e: unknown) => opts.onError?.(e));
    return chain;
  };
  const cancelTimer = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const write = () =>
    enqueue(async () => {
      // Read when the write runs: it stores the newest input.
      const json = JSON.stringify(latest);
      if (json === baseJson) await store.remove(userId, form);
      else await store.save(userId, form, JSON.parse(json) as unknown, now());
    });

  return {
    async start() {
      const row = await store.load(userId, form).catch((e: unknown) => {
        opts.onError?.(e);
        return undefined;
      });
      if (cleared) return false;
      loaded = true;
      // Input typed while the draft was being read wins over the draft, even if the form was
      // already left (disposed before the read finished): it is the newest input.
      if (JSON.stringify(latest) !== baseJson) {
        void write();
        return false;
      }
      if (closed) return false;
      const value = row ? parse(row.data, baseline) : undefined;
      if (value === undefined || JSON.stringify(value) === baseJson) return false;
      latest = value;
      apply(value);
      return true;
    },
    update(value) {
      latest = value;
      if (!loaded || closed) return;
      cancelTimer();
      timer = setTimeout(() => {
        timer = undefined;
        void write();
      }, delay);
    },
    flush() {
      if (!timer || closed) return chain;
      cancelTimer();
      return write();
    },
    discard() {
      cancelTimer();
      latest = baseline;
      apply(baseline);
      return enqueue(() => store.remove(userId, form));
    },
    clear() {
      closed = true;
      cleared = true;
      cancelTimer();
      return enqueue(() => store.remove(userId, form));
    },
    async dispose() {
      if (!closed && timer) {
        cancelTimer();
        void write();
      }
      closed = true;
      await chain;
    },
  };
}
