// The web app manifest's revision — a hash of it and its icons — built into the page as
// __MANIFEST_REVISION__: an installed app's window links the manifest at load for a week after its
// revision changes, so the browser's update check sees the new one (src/ui/app/manifest-link.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function manifestRevision(publicDir = 'public'): string {
  const hash = createHash('sha256').update(readFileSync(join(publicDir, 'manifest.webmanifest')));
  for (const icon of readdirSync(join(publicDir, 'icons')).sort())
    hash.update(icon).update(readFileSync(join(publicDir, 'icons', icon)));
  return hash.digest('hex').slice(0, 16);
}
