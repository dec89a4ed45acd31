// Quality metrics of ID-card photos kept on a profile. The Person schema stores only the photo's
// hash, but a case reusing the photo needs its metrics, or the rules ask the agent to check the
// page by eye ("photo.unmeasured"). One settings key maps hash → metrics; cleared at logout.
import { z } from 'zod';
import { QualityMetrics } from '../domain';
import { deleteSetting, getSetting, putSetting } from '../storage';

const KEY = 'profilePhotoQuality';
const Memo = z.record(z.string(), QualityMetrics);

let chain: Promise<unknown> = Promise.resolve();

/** Serialised read-modify-write: front and back are often processed at the same time. */
export function rememberPhotoQuality(sha256: string, metrics: QualityMetrics): Promise<void> {
  const next = chain.then(async () => {
    const memo = (await getSetting(KEY, Memo).catch(() => undefined)) ?? {};
    await putSetting(KEY, { ...memo, [sha256]: metrics });
  });
  chain = next.catch(() => undefined);
  return next;
}

export async function recallPhotoQuality(sha256: string): Promise<QualityMetrics | undefined> {
  const memo = await getSetting(KEY, Memo).catch(() => undefined);
  return memo?.[sha256];
}

export const forgetPhotoQualities = () => deleteSetting(KEY);
