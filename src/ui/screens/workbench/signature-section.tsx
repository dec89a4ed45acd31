import { useSignal } from '@preact/signals';
import type { MaterialRequirement } from '../../../domain';
import { clearSignature, signMaterial, type SignerRole } from '../../../state';
import { useAppState } from '../../app/context';
import { SignatureBox } from '../../components/signature-pad';
import { SelectField, TextField } from '../../components/field';
import { Button } from '../../components/button';
import { BlobImage } from '../../components/blob-image';
import { formatTime } from '../../format';

export const SIGNER_ROLE_LABELS: Record<SignerRole, string> = {
  applicant: '申请人',
  entruster: '委托人',
  guardian: '监护人',
  agent: '代办员',
  household: '家庭成员',
};
// A household member signs on the household pads (household-signatures.tsx), not here.
const ROLE_OPTIONS = (Object.keys(SIGNER_ROLE_LABELS) as SignerRole[])
  .filter((r) => r !== 'household')
  .map((r) => ({
    value: r,
    label: SIGNER_ROLE_LABELS[r],
  }));

/** Signed on screen by the villager: who signs, in which role, then the pad. */
export function SignatureSection({
  requirement: r,
  editable,
}: {
  requirement: MaterialRequirement;
  editable: boolean;
}) {
  const state = useAppState();
  const wb = state.workbench;
  const sig = wb.materialByRequirement.value.get(r.id)?.signature;
  const entruster = wb.entruster.value;
  const defaultRole: SignerRole = entruster && r.id === 'entrustment' ? 'entruster' : 'applicant';
  const role = useSignal<SignerRole>(defaultRole);
  const name = useSignal((defaultRole === 'entruster' ? entruster?.name : wb.applicant.value?.name) ?? '');
  const error = useSignal<string | null>(null);
  const fail = (e: unknown) => {
    error.value = e instanceof Error ? e.message : String(e);
  };

  if (sig) {
    return (
      <div class="sig">
        <BlobImage sha256={sig.sha256} alt={`${r.name}：${sig.signerName}的签名`} class="sig__img" />
        <p style={{ margin: 0 }}>
          {SIGNER_ROLE_LABELS[sig.signerRole]} <strong>{sig.signerName}</strong> 签于 {formatTime(sig.signedAt)}
        </p>
        {editable && <Button onClick={() => void clearSignature(state, r.id).catch(fail)}>作废并重新签名</Button>}
      </div>
    );
  }
  if (!editable) return <p class="muted">未签名</p>;
  const pickRole = (v: string) => {
    role.value = v as SignerRole;
    if (v === 'applicant') name.value = wb.applicant.value?.name ?? name.value;
    if (v === 'entruster' && entruster) name.value = entruster.name;
  };
  return (
    <div class="sig">
      <div class="grid-2">
        <SelectField label="签名人身份" value={role.value} options={ROLE_OPTIONS} onValue={pickRole} />
        <TextField
          label="签名人姓名"
          value={name.value}
          onValue={(v) => {
            name.value = v;
          }}
          maxLength={40}
        />
      </div>
      <SignatureBox
        label={`${r.name}签名区`}
        saveLabel={`确认签名：${r.name}`}
        onSave={(png) => void signMaterial(state, r.id, png, name.value, role.value).catch(fail)}
      />
      {error.value && <p class="error-text">{error.value}</p>}
    </div>
  );
}
