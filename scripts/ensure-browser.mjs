// Makes sure browser tests have a Chromium: system one, else apt (Debian, root), else Playwright's.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './browser.mjs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });

if (chromiumPath()) process.exit(0);
const isRoot = process.getuid?.() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('Installing Debian chromium and CJK fonts for browser tests…');
  run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk');
  if (chromiumPath()) process.exit(0);
}
console.log("No system Chromium; trying Playwright's own browser…");
run('npx playwright install chromium');
