// On-screen signatures (代办委托书, 容缺承诺书, signed forms): a PNG kept content-addressed like
// photos, with who signed, in which role, when and on which device.
import type { Material, Signature } from '../../domain';
import { makeAudit } from '../../storage';
import { requireActor, type AppState } from '../app-state';
import { sha256Hex } from '../../workers/hash';
import { counted } from './edit';
import { writeMaterial } from './material-write';
import { assertMaterialEditable } from './return-scope';

export type SignerRole = Signature['signerRole'];

/**
 * `personId`: the household member signing a material several people sign. The applicant's
 * signature (or a single signer's) is the material's `signature`; a further member's goes into
 * `signatures`, replacing that member's earlier one.
 */
export const signMaterial = counted(sign); // unsaved from the tap: the drawing is only in memory until stored

async function sign(
  state: AppState,
  requirementId: string,
  png: Blob,
  signerName: string,
  signerRole: SignerRole,
  personId?: string,
): Promise<void> {
  const wb = state.workbench;
  const c = wb.record.value;
  const requirement = wb.item.value?.materials.find((m) => m.id === requirementId);
  if (!c || !requirement || !wb.editable.value) return;
  assertMaterialEditable(state, requirementId);
  const name = signerName.trim();
  if (!name) throw new Error('请填写签名人姓名');
  const actor = requireActor(state);
  const now = state.deps.now();
  const data = await png.arrayBuffer();
  const sha256 = await sha256Hex(data);
  const signature: Signature = {
    sha256,
    signerName: name,
    signerRole,
    signedAt: now,
    deviceId: state.deviceId.value,
    ...(personId && { personId }),
  };
  const further = personId !== undefined && personId !== wb.applicant.value?.id;
  const change = (m: Material): Material =>
    further
      ? { ...m, signatures: [...(m.signatures ?? []).filter((s) => s.personId !== personId), signature] }
      : { ...m, signature };
  await writeMaterial(state, requirementId, change, {
    blobs: [{ sha256, mime: 'image/png', data }],
    audit: makeAudit({
      entity: 'material',
      entityId: requirementId,
      caseId: c.id,
      action: 'material.sign',
      actor,
      deviceId: state.deviceId.value,
      at: now,
      detail: `${requirement.name}：${name}签名`,
    }),
  });
}

/** Removes a signature (signed by the wrong person, or the content changed); with `personId`, that
 *  further signer's only. */
export async function clearSignature(state: AppState, requirementId: string, personId?: string): Promise<void> {
  const wb = state.workbench;
  const c = wb.record.value;
  const existing = wb.materialByRequirement.value.get(requirementId);
  const further = personId !== undefined && existing?.signatures?.some((s) => s.personId === personId);
  if (!c || !existing || (!existing.signature && !further) || !wb.editable.value) return;
  assertMaterialEditable(state, requirementId);
  const actor = requireActor(state);
  const now = state.deps.now();
  await writeMaterial(
    state,
    requirementId,
    (m) => {
      if (further) {
        const rest = (m.signatures ?? []).filter((s) => s.personId !== personId);
        const { signatures: _all, ...others } = m;
        return rest.length > 0 ? { ...others, signatures: rest } : others;
      }
      if (!m.signature) return undefined;
      const { signature: _removed, ...rest } = m;
      return rest;
    },
    {
      audit: makeAudit({
        entity: 'material',
        entityId: requirementId,
        caseId: c.id,
        action: 'material.unsign',
        actor,
        deviceId: state.deviceId.value,
        at: now,
      }),
    },
  );
}
