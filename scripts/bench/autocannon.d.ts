// autocannon 8 ships no types (and @types/autocannon is not installed): just what scripts/bench.ts uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    /** hdr-histogram-percentiles-obj: mean, spread and the percentiles autocannon records (no p95). */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }

    /** One request of a sequence; setupRequest builds it afresh before every send. */
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request | undefined;
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
    }

    interface Options {
      url: string;
      /** Sent in turn by every connection, over and over. */
      requests?: Request[];
      connections?: number;
      /** Seconds. */
      duration?: number;
      headers?: Record<string, string>;
      /** A run before the measured one; its responses are not reported. */
      warmup?: { connections?: number; duration?: number };
      /** Seconds before a request counts as timed out. */
      timeout?: number;
    }

    interface Result {
      /** Requests completed per second, sampled every second. */
      requests: Histogram;
      /** Milliseconds. */
      latency: Histogram;
      throughput: Histogram;
      /** Seconds. */
      duration: number;
      totalCompletedRequests: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
    }

    /** Without a callback, the instance is also a promise of the result. */
    interface Instance extends EventEmitter, PromiseLike<Result> {
      on(
        event: "response",
        listener: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void,
      ): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
      /** Ends the run early; the result covers what was done so far. */
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
