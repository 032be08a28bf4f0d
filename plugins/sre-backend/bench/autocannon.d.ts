/**
 * The part of autocannon's programmatic API the benchmarks use (the package ships
 * no types). See node_modules/autocannon/README.md.
 */
declare module 'autocannon' {
  import { EventEmitter } from 'node:events';

  namespace autocannon {
    /** One connection; emits 'request', 'response', 'connError', 'timeout'. */
    interface Client extends EventEmitter {
      /** Its share of `overallRate` (requests per second), or `connectionRate`. */
      rate?: number;
    }

    interface Histogram {
      average: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p99: number;
    }

    interface Options {
      url: string;
      method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
      headers?: Record<string, string>;
      body?: string | Buffer;
      /** Sent in turn by each connection, instead of one request to `url`. */
      requests?: Array<{
        method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
        path?: string;
        body?: string | Buffer;
        headers?: Record<string, string>;
      }>;
      connections?: number;
      duration?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      connectionRate?: number;
      overallRate?: number;
      ignoreCoordinatedOmission?: boolean;
      setupClient?: (client: Client) => void;
    }

    interface Result {
      latency: Histogram;
      requests: Histogram & { total: number; sent: number };
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
      start: Date;
      finish: Date;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;

  export = autocannon;
}
