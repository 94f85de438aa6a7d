// Types of courier-token's JavaScript API (index.d.mts holds the same for ESM).

/** An authentication mode serve's workspace accepts (`serve --auth`). */
export type AuthMode = 'jwt' | 'client-key' | 'hmac';

export interface StartServeOptions {
  /** A workspace file for `serve --workspace FILE`. */
  workspace?: string;
  /** The modes the workspace accepts (`serve --auth`); serve's default is `jwt`. */
  auth?: AuthMode | AuthMode[];
  /** The port to listen on; 0 (the default) takes any free one. */
  port?: number;
  /** Messages to start with (`serve --messages FILE`: a JSON array or JSON Lines). */
  messages?: string;
  /** The API key serve checks, passed as COURIER_API_KEY; else serve reads the environment. */
  apiKey?: string;
  /** The environment serve runs with (default: this process's). */
  env?: Record<string, string | undefined>;
  /** What serve writes to stderr, which is passed on to this process's stderr. */
  log?: 'quiet' | 'refusals' | 'requests';
  /** More `serve` arguments, e.g. `['--enforce', 'soft']`. */
  args?: string[];
}

/** The URLs courier-js's `signIn({ apiUrls })` takes. */
export interface ApiUrls {
  courier: { rest: string; graphql: string };
  inbox: { graphql: string; webSocket: string };
}

export interface Serve {
  /** The Issue Token API and Send API base, e.g. `http://127.0.0.1:41234` (COURIER_BASE_URL). */
  baseUrl: string;
  apiUrls: ApiUrls;
  /** The API key serve checks: the caller's, or the development key serve generated. */
  apiKey: string | undefined;
  /** The workspace's public client key. */
  clientKey: string;
  workspaceId: string;
  /** The workspace's environment (`serve --environment`). */
  env: 'production' | 'test';
  /** serve's process id. */
  pid: number;
  /** Stops serve (SIGTERM) and resolves once it has exited. Also done when Node exits. */
  stop(): Promise<void>;
}

/**
 * Starts `courier-token serve --port 0 --json` and resolves once it listens (its first stdout
 * line); rejects with serve's own error line if it cannot start.
 */
export declare function startServe(options?: StartServeOptions): Promise<Serve>;

/** The path of the courier-token binary this package runs (COURIER_TOKEN_BINARY wins). */
export declare function binaryPath(): string;
