// Starts the township server with settings from the environment and prints how to sign in:
// plain HTTP on PORT (localhost, the certificate and the install guide; tablets are redirected)
// and HTTPS on DAIBAN_HTTPS_PORT (src/server/tls), unless DAIBAN_HTTPS=0.
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { buildApp } from './app';
import { KeyError } from './crypto/key-ring';
import { accountNotes } from './admin/startup';
import { installHttps } from './tls';
import { lanAddresses } from './tls/names';
import { awaitedYear, missingYearWarning } from './holidays/service';
import { DEMO_COUNTY, DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOWNSHIPS, DEMO_VILLAGES } from './seed/demo-county';

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG: systemd shows it as a configuration failure
}
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp(config);
} catch (error) {
  if (!(error instanceof KeyError)) throw error;
  console.error(`Encryption at rest: ${error.message}`);
  process.exit(78); // EX_CONFIG, as for a bad setting: the key is configuration
}
const https = config.tls.enabled ? await installHttps(app, config) : null;
await app.listen({ port: config.port, host: config.host });
const httpsPort = await https?.listen();

const lan = lanAddresses().filter((a) => !a.includes(':'));
const lines = ['', `代办通 township server: http://localhost:${config.port}  (this computer)`];
if (httpsPort !== undefined) {
  lines.push(`  HTTPS:                 https://localhost:${httpsPort}`);
  for (const ip of lan) lines.push(`  tablets (HTTPS):       https://${ip}:${httpsPort}`);
  if (https?.caCert && lan.length > 0)
    lines.push(
      `  certificate + guide:   http://${lan[0]}:${config.port}/install  (install the CA on each tablet once)`,
    );
  if (config.tls.certFile) lines.push(`  certificate:           ${config.tls.certFile} (reloaded when it changes)`);
} else {
  for (const ip of lan) lines.push(`  on the network:        http://${ip}:${config.port}`);
}
lines.push(`  data: ${config.dataDir}`);
lines.push(`  encrypted at rest, master key ${app.store.crypto.ring.currentId}: ${app.store.crypto.ring.source}`);
for (const warning of app.store.crypto.ring.warnings) lines.push(`  WARNING: ${warning}`);
if (app.store.crypto.createdKeyFile)
  lines.push(
    `  NEW master key file: keep a copy apart from the backups (without it the data cannot be read).`,
    `  已生成主密钥文件：请另行妥善保存一份（与备份分开存放），丢失后数据将无法读取。`,
  );
if (config.seedDemo) {
  lines.push('', `Demo logins (password ${DEMO_PASSWORD} for all):`);
  const places = new Map([DEMO_COUNTY, ...DEMO_TOWNSHIPS, ...DEMO_VILLAGES].map((d) => [d.code, d.name]));
  const roles = { agent: '代办员', reviewer: '乡镇审核员', admin: '县级管理员' } as const;
  for (const l of DEMO_LOGINS) {
    lines.push(
      `  ${l.username.padEnd(10)} ${roles[l.role]}  ${l.name}  ${places.get(l.divisionCode) ?? ''} ${l.divisionCode}`,
    );
  }
}
lines.push(...(await accountNotes(app.store, config)));
// Also in the log (a structured line, for journald); here in words for whoever started it.
const missingHolidays = awaitedYear(config.now());
if (missingHolidays !== undefined) lines.push('', `WARNING: ${missingYearWarning(missingHolidays)}`);
if (process.stdin.isTTY) lines.push('', 'Ctrl+C stops the server.  按 Ctrl+C 停止服务。');
console.log(lines.join('\n'));

/** A stop waits this long for requests under way, then exits anyway: a request stuck for good
 *  (seen once in the crash tests) must not keep a stopped server alive and its port taken. */
const SHUTDOWN_GRACE_MS = 10_000;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    setTimeout(() => {
      console.error(`daiban: requests still under way ${SHUTDOWN_GRACE_MS / 1000} s after ${signal}; exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    void app.close().then(() => process.exit(0));
  });
}
