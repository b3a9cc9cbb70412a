import { ConfigError } from './config.js';

export interface ListenAddress {
  host: string;
  port: number;
  /** The variables an operator changes to fix it, e.g. HOST and PORT. */
  hostVariable: string;
  portVariable: string;
}

/**
 * What `listen` fails with when the address is the problem, as the one line start-up prints; any
 * other error is returned as it is.
 */
export function listenFailure(error: unknown, address: ListenAddress): unknown {
  const { host, port, hostVariable, portVariable } = address;
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EADDRINUSE':
      return new ConfigError(
        `${portVariable}=${port}: another process already listens on ${host}:${port}. Stop it, or set another ${portVariable}.`,
      );
    case 'EACCES':
      return new ConfigError(
        `${portVariable}=${port}: this process may not listen on it (ports below 1024 need privileges). Set another ${portVariable}.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new ConfigError(
        `${hostVariable}=${host} does not resolve to an address. Set an IP address such as 0.0.0.0 or 127.0.0.1.`,
      );
    case 'EADDRNOTAVAIL':
      return new ConfigError(
        `${hostVariable}=${host} is not an address of this machine. Set one of its addresses, or 0.0.0.0.`,
      );
    default:
      return error;
  }
}
