// The open case (办件工作台): the case, its people and materials as signals, and the live
// pre-validation report computed from them — every edit re-runs the rules, no button needed.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Case, Material, Person } from '../../domain';
import { workingDaysBetween } from '../../domain/calendar';
import { evaluate } from '../../domain/rules';
import { isEditableByAgent } from '../../domain/state-machine';
import type { OutboxEntry } from '../../storage';
import { itemForCase, lookupItem } from '../catalog-lookup';
import { flaggedTargets, resubmitBlock, type ReturnScope } from './return-scope';

export interface Capture {
  /** 0–1, or undefined before the worker reports. */
  progress: number | undefined;
  label: string;
}

export function createWorkbenchSlice(today: ReadonlySignal<string>) {
  const record = signal<Case | null>(null);
  /** The case the screen asked for: a read that finishes after another case was opened (a
   *  reload after a pull, a slow first read) is dropped instead of replacing it. */
  const openId = signal<string | null>(null);
  const applicant = signal<Person | null>(null);
  const entruster = signal<Person | null>(null);
  const materials = signal<Material[]>([]);
  const outbox = signal<OutboxEntry[]>([]);
  const loading = signal(false);
  const error = signal<string | null>(null);
  /** Photos being processed, by requirement id. */
  const captures = signal<Record<string, Capture[]>>({});
  /** A returned case: what the reviewer flagged (only that reopens), else null. */
  const returnScope = signal<ReturnScope | null>(null);

  // The version the case was opened with: a newer published one never changes an open case.
  const item = computed(() => (record.value ? itemForCase(record.value) : undefined));
  /** A newer version of the case's item exists (shown on the workbench; the case keeps its own). */
  const newerItem = computed(() => {
    const c = record.value;
    const newest = c ? lookupItem(c.itemCode) : undefined;
    return c && newest && newest.version > c.itemVersion ? newest : undefined;
  });
  const report = computed(() => {
    const c = record.value,
      i = item.value,
      a = applicant.value;
    if (!c || !i || !a) return null;
    return evaluate({
      item: i,
      caseData: c,
      applicant: a,
      materials: materials.value,
      today: today.value,
      workingDaysBetween,
    });
  });
  /** Fields and materials can change (a queued case must be recalled first). */
  const editable = computed(() => {
    const s = record.value?.status;
    return s !== undefined && s !== 'queued' && isEditableByAgent(s);
  });
  const materialByRequirement = computed(() => new Map(materials.value.map((m) => [m.requirementId, m] as const)));
  /** The flagged materials and fields, with the reviewer's reasons and whether each was changed. */
  const returnTargets = computed(() => {
    const scope = returnScope.value,
      c = record.value;
    return scope && c?.status === 'returned' ? flaggedTargets(scope, c, materials.value, item.value) : [];
  });
  /** Why 补正后重新提交 is not possible yet (null: the flagged items are all changed). */
  const returnBlock = computed(() =>
    record.value?.status === 'returned' ? resubmitBlock(returnScope.value, returnTargets.value) : null,
  );

  return {
    openId,
    record,
    applicant,
    entruster,
    materials,
    outbox,
    loading,
    error,
    captures,
    item,
    newerItem,
    report,
    editable,
    materialByRequirement,
    returnScope,
    returnTargets,
    returnBlock,
    /** Serialises writes of this case so a slow save never lands after a newer one. */
    writes: {
      chain: Promise.resolve() as Promise<unknown>,
      timer: undefined as ReturnType<typeof setTimeout> | undefined,
    },
  };
}
