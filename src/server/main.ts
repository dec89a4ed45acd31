// Starts the township server with settings from the environment and prints how to sign in.
import { networkInterfaces } from 'node:os';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { buildApp } from './app';
import { DEMO_COUNTY, DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOWNSHIPS, DEMO_VILLAGES } from './seed/demo-county';

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG: systemd shows it as a configuration failure
}
const app = await buildApp(config);
await app.listen({ port: config.port, host: config.host });

const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && a.family === 'IPv4' && !a.internal)
  .map((a) => `http://${a!.address}:${config.port}`);

const lines = [
  '',
  `代办通 township server: http://localhost:${config.port}`,
  ...lanAddresses.map((url) => `  on the network:        ${url}`),
  `  data: ${config.dataDir}`,
];
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
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
