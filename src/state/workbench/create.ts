// 新建办件: a draft case for an item and an applicant, its form prefilled from the profile
// (typed once, reused everywhere) and the profile's valid ID-card photos already attached.
import { type Case, type Material, caseNumber, chinaDate, uuidv7 } from '../../domain';
import { prefillFields } from '../../domain/prefill';
import { newLookupToken } from '../../domain/lookup/token';
import { getCaseByNumber, getPerson, getSetting, makeAudit, putSetting, saveCaseWithMaterials } from '../../storage';
import { z } from 'zod';
import { requireActor, type AppState } from '../app-state';
import { lookupItem } from '../catalog-lookup';
import { pageFromStoredPhoto, profilePhotoFor } from './profile-photos';

const CaseSeq = z.object({ date: z.string(), n: z.number().int().nonnegative() });

/**
 * DB-<village>-<yyyymmdd>-<device tag><seq>: readable over the phone, unique across the village's
 * devices (the tag is the random end of the device id) and checked against local cases.
 */
async function nextCaseNumber(villageCode: string, deviceId: string, now: number): Promise<string> {
  const date = chinaDate(now).replaceAll('-', '');
  const tag = deviceId.replace(/-/g, '').slice(-2).toUpperCase();
  const seq = await getSetting('caseSeq', CaseSeq).catch(() => undefined);
  let n = seq?.date === date ? seq.n : 0;
  let number: string;
  do {
    n++;
    number = caseNumber(villageCode, now, `${tag}${String(n).padStart(3, '0')}`);
  } while (await getCaseByNumber(number));
  await putSetting('caseSeq', { date, n });
  return number;
}

export interface NewCaseInput {
  itemCode: string;
  applicantId: string;
  entrusterId?: string | undefined;
}

export async function createNewCase(state: AppState, input: NewCaseInput): Promise<Case> {
  const actor = requireActor(state);
  const user = state.user.value;
  const item = lookupItem(input.itemCode);
  if (!item) throw new Error('找不到这个事项，请重新选择');
  if (item.withdrawn) throw new Error(`事项“${item.name}”已停用，不能新建办件`);
  const applicant = await getPerson(input.applicantId);
  if (!applicant) throw new Error('找不到申请人的档案');
  if (input.entrusterId === input.applicantId) throw new Error('委托人不能是申请人本人；本人申请时不选委托人');
  const villageCode = user?.villageCode ?? applicant.villageCode;
  const now = state.deps.now();
  const id = uuidv7(now);
  const c: Case = {
    id,
    number: await nextCaseNumber(villageCode, state.deviceId.value, now),
    // Printed on the receipt with the number (the public progress page); made here, offline.
    lookupToken: newLookupToken(),
    itemCode: item.code,
    itemVersion: item.version,
    applicantId: applicant.id,
    ...(input.entrusterId && { entrusterId: input.entrusterId }),
    status: 'draft',
    fields: prefillFields(item, applicant),
    acknowledged: [],
    tolerance: [],
    villageCode,
    agentId: actor.id,
    revision: 0,
    baseVersion: 0,
    createdAt: now,
    updatedAt: now,
    createdBy: actor,
  };
  // Files are already stored under the profile: the case only refers to them by hash.
  const materials: Material[] = [];
  for (const r of item.materials) {
    const sha = profilePhotoFor(applicant, r, state.today.value);
    const stored = sha && (await pageFromStoredPhoto(state, sha, now));
    if (!sha || !stored) continue;
    materials.push({
      id: uuidv7(now),
      caseId: id,
      requirementId: r.id,
      pages: [stored.page],
      data: {},
      updatedAt: now,
    });
  }
  return saveCaseWithMaterials({
    case: c,
    materials,
    audit: makeAudit({
      entity: 'case',
      entityId: id,
      caseId: id,
      action: 'create',
      to: 'draft',
      actor,
      deviceId: state.deviceId.value,
      at: now,
      detail: item.name,
    }),
  });
}
