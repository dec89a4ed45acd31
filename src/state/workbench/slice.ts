// The open case (办件工作台): the case, its people and materials as signals, and the live
// pre-validation report computed from them — every edit re-runs the rules, no button needed.
// The slice is part of every app state, but the rules engine, the catalogue and the return-scope
// logic are not on the first screen: the derived values read them through `logic`, which
// logic.ts fills when the workbench code loads (open.ts imports it); until then nothing is open.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Case, Material, Person, ServiceItem } from '../../domain';
import type { SessionUser } from '../../domain/api/auth';
import { placeNamesOf, type PlaceNames } from '../../domain/divisions';
import type { Report } from '../../domain/rules';
import type { OutboxEntry } from '../../storage';
import type { FlaggedTarget, ReturnScope } from './return-scope';

export interface Capture {
  /** 0–1, or undefined before the worker reports. */
  progress: number | undefined;
  label: string;
}

/** What the derived values need, provided by logic.ts with the workbench code. */
export interface WorkbenchLogic {
  itemForCase: (c: Case) => ServiceItem | undefined;
  lookupItem: (code: string) => ServiceItem | undefined;
  evaluate: (input: {
    item: ServiceItem;
    caseData: Case;
    applicant: Person;
    materials: Material[];
    today: string;
    place: PlaceNames;
    household: Person[];
  }) => Report;
  isEditableByAgent: (status: Case['status']) => boolean;
  flaggedTargets: (
    scope: ReturnScope,
    c: Case,
    materials: Material[],
    item: ServiceItem | undefined,
  ) => FlaggedTarget[];
  resubmitBlock: (scope: ReturnScope | null, targets: readonly FlaggedTarget[]) => string | null;
}

const logic = signal<WorkbenchLogic | null>(null);

/** Called once by logic.ts when the workbench code loads. */
export function provideWorkbenchLogic(l: WorkbenchLogic): void {
  logic.value = l;
}

/** The place names the device knows: the signed-in agent's village, township and county. */
function sessionNameOf(user: SessionUser | null): (code: string) => string | undefined {
  const known = new Map<string, string>();
  if (user?.countyCode && user.countyName) known.set(user.countyCode, user.countyName);
  if (user?.townshipCode && user.townshipName) known.set(user.townshipCode.padEnd(12, '0'), user.townshipName);
  if (user?.villageCode && user.villageName) known.set(user.villageCode, user.villageName);
  return (code) => known.get(code);
}

export function createWorkbenchSlice(
  today: ReadonlySignal<string>,
  user: ReadonlySignal<SessionUser | null> = signal(null),
) {
  const record = signal<Case | null>(null);
  /** The case the screen asked for: a read that finishes after another case was opened (a
   *  reload after a pull, a slow first read) is dropped instead of replacing it. */
  const openId = signal<string | null>(null);
  const applicant = signal<Person | null>(null);
  const entruster = signal<Person | null>(null);
  /** The profiles the applicant's household links to (those stored on this device). */
  const household = signal<Person[]>([]);
  const materials = signal<Material[]>([]);
  const outbox = signal<OutboxEntry[]>([]);
  const loading = signal(false);
  const error = signal<string | null>(null);
  /** Photos being processed, by requirement id. */
  const captures = signal<Record<string, Capture[]>>({});
  /** A returned case: what the reviewer flagged (only that reopens), else null. */
  const returnScope = signal<ReturnScope | null>(null);

  // The version the case was opened with: a newer published one never changes an open case.
  const item = computed(() => (record.value && logic.value ? logic.value.itemForCase(record.value) : undefined));
  /** A newer version of the case's item exists (shown on the workbench; the case keeps its own). */
  const newerItem = computed(() => {
    const c = record.value;
    const newest = c ? logic.value?.lookupItem(c.itemCode) : undefined;
    return c && newest && newest.version > c.itemVersion ? newest : undefined;
  });
  const report = computed(() => {
    const c = record.value,
      i = item.value,
      a = applicant.value,
      l = logic.value;
    if (!c || !i || !a || !l) return null;
    const place = placeNamesOf(a.divisionCode, sessionNameOf(user.value));
    return l.evaluate({
      item: i,
      caseData: c,
      applicant: a,
      materials: materials.value,
      today: today.value,
      place,
      household: household.value,
    });
  });
  /** Fields and materials can change (a queued case must be recalled first). */
  const editable = computed(() => {
    const s = record.value?.status;
    return s !== undefined && s !== 'queued' && !!logic.value?.isEditableByAgent(s);
  });
  const materialByRequirement = computed(() => new Map(materials.value.map((m) => [m.requirementId, m] as const)));
  /** The flagged materials and fields, with the reviewer's reasons and whether each was changed. */
  const returnTargets = computed(() => {
    const scope = returnScope.value,
      c = record.value,
      l = logic.value;
    return scope && l && c?.status === 'returned' ? l.flaggedTargets(scope, c, materials.value, item.value) : [];
  });
  /** Why 补正后重新提交 is not possible yet (null: the flagged items are all changed). */
  const returnBlock = computed(() =>
    record.value?.status === 'returned'
      ? (logic.value?.resubmitBlock(returnScope.value, returnTargets.value) ?? null)
      : null,
  );

  /** Changed in memory and not yet handed to a save (typing, or a save that failed). */
  const dirtyCase = signal(false);
  const dirtyMaterials = signal<ReadonlySet<string>>(new Set());
  /** Saves (a photo or signature from its tap) not yet committed; typing waiting for its pause. */
  const inFlight = signal(0);
  const typing = signal(false);
  const dirty = computed(() => dirtyCase.value || dirtyMaterials.value.size > 0);
  /** Whether what the screen shows is in storage; 'failed': changed, and no save is under way. */
  const saveState = computed<'saving' | 'failed' | 'saved'>(() =>
    inFlight.value > 0 || typing.value ? 'saving' : dirty.value ? 'failed' : 'saved',
  );
  const unsaved = computed(() => saveState.value !== 'saved');

  return {
    openId,
    record,
    applicant,
    entruster,
    household,
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
      dirtyCase,
      dirtyMaterials,
      dirty,
      inFlight,
      typing,
    },
    saveState,
    /** Something shown on the workbench is not in storage yet: a reload now would lose it. */
    unsaved,
  };
}

export type WorkbenchSlice = ReturnType<typeof createWorkbenchSlice>;

/** Empties the workbench (close, logout); pending writes are the edit module's to drop first. */
export function clearWorkbench(state: { workbench: WorkbenchSlice }): void {
  const wb = state.workbench;
  wb.openId.value = null;
  wb.record.value = null;
  wb.applicant.value = null;
  wb.entruster.value = null;
  wb.household.value = [];
  wb.materials.value = [];
  wb.outbox.value = [];
  wb.returnScope.value = null;
  wb.captures.value = {};
  wb.error.value = null;
}
