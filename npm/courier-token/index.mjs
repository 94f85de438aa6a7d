// courier-token's JavaScript API for ESM: the CommonJS module's functions, so both share one
// set of running servers.
import api from './index.cjs';

export const { startServe, binaryPath } = api;
