'use strict';
// startServe(): `courier-token serve --port 0 --json` for a test suite. It waits for serve's
// first stdout line (the line says serve is listening: never a sleep), and hands back its URLs
// and keys; stop() ends serve, and so does this Node process exiting.

const { spawn } = require('node:child_process');
const { resolveBinary } = require('./resolve.js');

/** The servers still running, stopped when this process exits (one listener for them all). */
const running = new Set();
let exitHookInstalled = false;

function stopAllOnExit() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
}

/** serve's arguments for these options. */
function serveArguments(options) {
  const args = ['serve', '--port', String(options.port ?? 0), '--json'];
  if (options.workspace !== undefined) args.push('--workspace', String(options.workspace));
  if (options.messages !== undefined) args.push('--messages', String(options.messages));
  if (options.auth !== undefined) {
    args.push('--auth', Array.isArray(options.auth) ? options.auth.join(',') : String(options.auth));
  }
  if (options.log !== undefined) args.push('--log', String(options.log));
  if (options.args !== undefined) args.push(...options.args.map(String));
  return args;
}

/**
 * The API key serve checks: the one it generated and printed (only a development key it made
 * up is ever printed), else the caller's from the environment serve was given, read as serve
 * reads it (COURIER_API_KEY, then COURIER_AUTH_TOKEN).
 */
function apiKeyOf(line, env) {
  if (typeof line.api_key === 'string') return line.api_key;
  return env.COURIER_API_KEY || env.COURIER_AUTH_TOKEN || undefined;
}

function startServe(options = {}) {
  return new Promise((resolve, reject) => {
    let binary;
    try {
      // The override may be in the environment given to serve or in this process's.
      binary = resolveBinary({ env: { ...process.env, ...options.env } }).path;
    } catch (error) {
      reject(error);
      return;
    }
    const env = { ...(options.env ?? process.env) };
    if (options.apiKey !== undefined) env.COURIER_API_KEY = options.apiKey;
    const child = spawn(binary, serveArguments(options), {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    running.add(child);
    stopAllOnExit();
    const exited = new Promise((settle) => child.once('close', settle));
    exited.then(() => running.delete(child));

    let ready = false;
    let stdout = '';
    let stderr = '';
    const fail = (message) => {
      if (ready) return;
      ready = true;
      child.kill('SIGTERM');
      reject(new Error(message));
    };
    child.on('error', (error) => fail(`could not run ${binary}: ${error.message}`));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      if (ready) process.stderr.write(chunk);
      else stderr += chunk;
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      if (ready) return;
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end === -1) return;
      let line;
      try {
        line = JSON.parse(stdout.slice(0, end));
      } catch {
        fail(`courier-token serve's first line is not JSON: ${stdout.slice(0, end)}`);
        return;
      }
      ready = true;
      if (stderr) process.stderr.write(stderr);
      // A forgotten stop() must not keep the test runner alive: the exit hook ends serve.
      child.unref();
      child.stdout.unref();
      child.stderr.unref();
      resolve(served(child, line, env, exited));
    });
    child.once('close', (code, signal) => {
      const reason = stderr.trim() || `courier-token serve ended (${signal ?? `exit code ${code}`}) before it was listening`;
      fail(reason);
    });
  });
}

function served(child, line, env, exited) {
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    // Keep Node running until serve has gone (they were let go so a forgotten stop() cannot hold it).
    for (const handle of [child, child.stdout, child.stderr]) handle.ref();
    return exited.then(() => undefined);
  };
  const serve = {
    baseUrl: line.base_url,
    apiUrls: line.apiUrls,
    apiKey: apiKeyOf(line, env),
    clientKey: line.client_key,
    workspaceId: line.workspace_id,
    env: line.environment,
    pid: child.pid,
    stop,
  };
  if (typeof Symbol.asyncDispose === 'symbol') serve[Symbol.asyncDispose] = stop;
  return serve;
}

module.exports = { startServe, serveArguments };
