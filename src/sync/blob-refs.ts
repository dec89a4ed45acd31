// Which blobs a mutation points at. The server refuses a submission whose files have not all
// arrived, so these go up first.
import type { Material, Mutation, Signature } from '../domain';

/** The main signature and any further signers' (kept local: this module must not load the domain barrel). */
const signaturesOf = (m: Material): Signature[] => [...(m.signature ? [m.signature] : []), ...(m.signatures ?? [])];

function materialRefs(material: Material, into: Set<string>): void {
  for (const page of material.pages) into.add(page.sha256);
  for (const s of signaturesOf(material)) into.add(s.sha256);
}

/** sha256 of every page and signature a mutation references, without duplicates. */
export function blobRefs(mutation: Mutation): string[] {
  const refs = new Set<string>();
  switch (mutation.kind) {
    case 'case.submit':
    case 'case.resubmit':
      for (const material of mutation.payload.materials) materialRefs(material, refs);
      break;
    case 'tolerance.supply':
      materialRefs(mutation.payload.material, refs);
      break;
    case 'case.withdraw':
    case 'rating.create':
      break;
  }
  return [...refs];
}

/** The case a mutation belongs to (every kind names one). */
export function mutationCaseId(mutation: Mutation): string {
  switch (mutation.kind) {
    case 'case.submit':
    case 'case.resubmit':
      return mutation.payload.case.id;
    case 'case.withdraw':
    case 'tolerance.supply':
    case 'rating.create':
      return mutation.payload.caseId;
  }
}

/** A drawn signature is a small PNG; its size is not in the mutation. */
const SIGNATURE_ESTIMATE = 16 * 1024;

/** File bytes a mutation references, from the page sizes it records (signatures estimated). */
export function blobBytes(mutation: Mutation): number {
  const materials =
    mutation.kind === 'case.submit' || mutation.kind === 'case.resubmit'
      ? mutation.payload.materials
      : mutation.kind === 'tolerance.supply'
        ? [mutation.payload.material]
        : [];
  let bytes = 0;
  for (const m of materials) {
    for (const p of m.pages) bytes += p.bytes;
    bytes += signaturesOf(m).length * SIGNATURE_ESTIMATE;
  }
  return bytes;
}
