// On-screen signatures (代办委托书, 容缺承诺书, signed forms): a PNG kept content-addressed like
// photos, with who signed, in which role, when and on which device.
import type { Signature } from '../../domain';
import { makeAudit } from '../../storage';
import { requireActor, type AppState } from '../app-state';
import { sha256Hex } from '../../workers/hash';
import { writeMaterial } from './material-write';
import { assertMaterialEditable } from './return-scope';

export type SignerRole = Signature['signerRole'];

export async function signMaterial(
  state: AppState,
  requirementId: string,
  png: Blob,
  signerName: string,
  signerRole: SignerRole,
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
  const signature: Signature = { sha256, signerName: name, signerRole, signedAt: now, deviceId: state.deviceId.value };
  await writeMaterial(state, requirementId, (m) => ({ ...m, signature }), {
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

/** Removes a signature (signed by the wrong person, or the content changed). */
export async function clearSignature(state: AppState, requirementId: string): Promise<void> {
  const wb = state.workbench;
  const c = wb.record.value;
  const existing = wb.materialByRequirement.value.get(requirementId);
  if (!c || !existing?.signature || !wb.editable.value) return;
  assertMaterialEditable(state, requirementId);
  const actor = requireActor(state);
  const now = state.deps.now();
  await writeMaterial(
    state,
    requirementId,
    (m) => {
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
