// A material every adult of the household signs (低保's 家庭经济状况核查授权书): one pad per
// required signer, named from the applicant's household, each signed, shown and voidable alone.
import { useSignal } from '@preact/signals';
import type { MaterialRequirement, Person, Signature } from '../../../domain';
import { hasSigned, requiredSigners } from '../../../domain/rules/household';
import { clearSignature, signMaterial } from '../../../state';
import { useAppState } from '../../app/context';
import { SignatureBox } from '../../components/signature-pad';
import { Button } from '../../components/button';
import { BlobImage } from '../../components/blob-image';
import { formatTime } from '../../format';

function signatureOf(person: Person, applicantId: string, all: readonly Signature[]): Signature | undefined {
  return all.find((s) => hasSigned(person, applicantId, [s]));
}

function SignerPad({
  requirement: r,
  person,
  isApplicant,
  signature,
  editable,
}: {
  requirement: MaterialRequirement;
  person: Person;
  isApplicant: boolean;
  signature: Signature | undefined;
  editable: boolean;
}) {
  const state = useAppState();
  const error = useSignal<string | null>(null);
  const fail = (e: unknown) => {
    error.value = e instanceof Error ? e.message : String(e);
  };
  const who = `${isApplicant ? '申请人' : '家庭成员'} ${person.name}`;
  return (
    <li class="sig" aria-label={`${who}的签名`}>
      <p style={{ margin: 0 }}>
        <strong>{who}</strong>
        {signature ? ` 签于 ${formatTime(signature.signedAt)}` : '：未签名'}
      </p>
      {signature ? (
        <>
          <BlobImage sha256={signature.sha256} alt={`${r.name}：${person.name}的签名`} class="sig__img" />
          {editable && (
            <Button onClick={() => void clearSignature(state, r.id, isApplicant ? undefined : person.id).catch(fail)}>
              作废{person.name}的签名
            </Button>
          )}
        </>
      ) : (
        editable && (
          <SignatureBox
            label={`${r.name}：${person.name}签名区`}
            saveLabel={`确认签名：${person.name}`}
            onSave={(png) =>
              void signMaterial(
                state,
                r.id,
                png,
                person.name,
                isApplicant ? 'applicant' : 'household',
                person.id,
              ).catch(fail)
            }
          />
        )
      )}
      {error.value && <p class="error-text">{error.value}</p>}
    </li>
  );
}

export function HouseholdSignatures({
  requirement: r,
  editable,
}: {
  requirement: MaterialRequirement;
  editable: boolean;
}) {
  const state = useAppState();
  const wb = state.workbench;
  const applicant = wb.applicant.value;
  if (!applicant) return <p class="muted">申请人的档案不在本机，无法确定签名人</p>;
  const m = wb.materials.value.filter((x) => x.requirementId === r.id);
  const all = m.flatMap((x) => [...(x.signature ? [x.signature] : []), ...(x.signatures ?? [])]);
  const signers = requiredSigners({ applicant, household: wb.household.value, today: state.today.value });
  const unknown = applicant.household.length - wb.household.value.length;
  return (
    <div>
      <p class="muted">须由申请人和每一位年满18周岁的家庭成员本人签名（共{signers.length}人）。</p>
      {unknown > 0 && (
        <p class="error-text" role="alert">
          还有{unknown}位家庭成员的档案不在本机，请先在群众档案中补录后再签名。
        </p>
      )}
      <ul class="sig-list" aria-label={`${r.name}签名人`}>
        {signers.map((p) => (
          <SignerPad
            key={p.id}
            requirement={r}
            person={p}
            isApplicant={p.id === applicant.id}
            signature={signatureOf(p, applicant.id, all)}
            editable={editable}
          />
        ))}
      </ul>
    </div>
  );
}
