/**
 * Certificates for mTLS on the cluster's frontend, generated with openssl into a folder of the
 * cluster (`<cluster dataDir>/tls/`, keys 0600) when none are configured: a CA of this cluster
 * alone, the frontend's certificate (for the loopback address and `localhost`) and one client
 * certificate for the server's own system worker and the product's processes. An operator with a
 * PKI configures its files instead (temporal.config.ts `cluster.tls`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterTls } from './cluster.js';

/** The files in `dir`, generated when missing (a CA valid ten years, certificates 825 days). */
export function ensureClusterTls(dir: string, ip = '127.0.0.1'): ClusterTls {
  const f = (name: string) => path.join(dir, name);
  const tls: ClusterTls = {
    caFile: f('ca.pem'),
    serverCertFile: f('frontend.pem'),
    serverKeyFile: f('frontend.key'),
    clientCertFile: f('client.pem'),
    clientKeyFile: f('client.key'),
  };
  if (Object.values(tls).every((file) => existsSync(file))) return tls;
  // The parent keeps its own mode (PostgreSQL's system user must enter the cluster's folder); this folder is the owner's.
  mkdirSync(path.dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const openssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8', cwd: dir });
    if (r.error) throw new Error(`openssl is missing (Debian package openssl), needed to generate the cluster's certificates: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed:\n${r.stderr}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  writeFileSync(f('extensions.cnf'), `[frontend]\nsubjectAltName=IP:${ip},DNS:localhost\nextendedKeyUsage=serverAuth\n[client]\nextendedKeyUsage=clientAuth\n`);
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=gov-it-approvals cluster CA');
  for (const [name, cn] of [
    ['frontend', 'localhost'],
    ['client', 'gov-it-approvals product'],
  ] as const) {
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '825',
      '-extfile',
      'extensions.cnf',
      '-extensions',
      name,
    );
  }
  for (const key of ['ca.key', 'frontend.key', 'client.key']) chmodSync(f(key), 0o600);
  return tls;
}
