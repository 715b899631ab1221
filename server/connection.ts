import { readFileSync } from 'node:fs';
import type { Config } from '../temporal.config.js';

/** How the client and the worker reach Temporal: address, TLS (mTLS, CA, server name) and API key. */
export function connectionOptions(config: Config, address: string) {
  const { tls, apiKey } = config.temporal;
  const read = (file?: string) => (file ? readFileSync(file) : undefined);
  const clientCert = read(tls?.clientCertFile);
  const clientKey = read(tls?.clientKeyFile);
  const serverRootCACertificate = read(tls?.serverCaFile);
  const tlsConfig =
    tls || apiKey
      ? {
          ...(tls?.serverName ? { serverNameOverride: tls.serverName } : {}),
          ...(serverRootCACertificate ? { serverRootCACertificate } : {}),
          ...(clientCert && clientKey ? { clientCertPair: { crt: clientCert, key: clientKey } } : {}),
        }
      : undefined;
  return { address, ...(tlsConfig ? { tls: tlsConfig } : {}), ...(apiKey ? { apiKey } : {}) };
}
