'use strict';
// startServe(): serve started on a free port and read from its first line, the API key it
// checks (the caller's, or the one serve made up and printed, through a stand-in binary),
// options passed on as serve's flags, serve's own error line when it cannot start, stop(), and
// serve stopped when the Node process that started it exits.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { wrapper, fixtures, builtBinary, cleanEnv, NO_BINARY } = require('./helpers.js');
const { startServe } = require(path.join(wrapper, 'index.cjs'));

const binary = builtBinary();
const needsBinary = binary ? false : NO_BINARY;
const scriptsRun = process.platform !== 'win32' ? false : 'a script cannot stand in for an .exe on Windows';
const fakeServe = path.join(fixtures, 'fake-serve.js');

function issueToken(serve, key) {
  return fetch(`${serve.baseUrl}/auth/issue-token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scope: 'user_id:u inbox:read:messages', expires_in: '1 day' }),
  });
}

/** Whether the process runs (a zombie left for a parent that never reaps it counts as ended). */
function alive(pid) {
  if (process.platform === 'linux') {
    try {
      return !/^\d+ \(.*\) Z /s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('serve with the caller\'s key: its URLs, keys and pid; stop() ends it', { skip: needsBinary }, async () => {
  const serve = await startServe({ env: cleanEnv({ COURIER_TOKEN_BINARY: binary, COURIER_API_KEY: 'sk_test_from_env' }), log: 'quiet' });
  try {
    assert.match(serve.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(serve.apiUrls.courier.rest, serve.baseUrl);
    assert.equal(serve.apiUrls.inbox.graphql, `${serve.baseUrl}/q`);
    assert.equal(serve.apiKey, 'sk_test_from_env');
    assert.equal(Buffer.from(serve.clientKey, 'base64').toString(), serve.workspaceId);
    assert.equal(serve.env, 'production');
    assert.ok(alive(serve.pid));
    const answer = await issueToken(serve, serve.apiKey);
    assert.equal(answer.status, 200);
    assert.match((await answer.json()).token, /^eyJ/);
  } finally {
    await serve.stop();
  }
  assert.ok(!alive(serve.pid));
  await assert.rejects(issueToken(serve, serve.apiKey));
  await serve.stop(); // a second stop() is harmless
});

test('apiKey is the key serve checks', { skip: needsBinary }, async () => {
  const serve = await startServe({ apiKey: 'sk_test_option', env: cleanEnv({ COURIER_TOKEN_BINARY: binary }), log: 'quiet' });
  try {
    assert.equal(serve.apiKey, 'sk_test_option');
    assert.equal((await issueToken(serve, 'sk_test_option')).status, 200);
    assert.equal((await issueToken(serve, 'sk_test_wrong')).status, 401);
  } finally {
    await serve.stop();
  }
});

test('serve failing to start rejects with serve\'s own error line', { skip: needsBinary }, async () => {
  const env = cleanEnv({ COURIER_TOKEN_BINARY: binary, COURIER_API_KEY: 'sk_test_port' });
  const first = await startServe({ env, log: 'quiet' });
  try {
    const port = Number(new URL(first.baseUrl).port);
    await assert.rejects(startServe({ env, port }), (error) => {
      // serve's words, hint included: "courier-token: error: could not listen on …\n  hint: …".
      assert.match(error.message, new RegExp(`^courier-token: error: could not listen on 127\\.0\\.0\\.1:${port}: `));
      assert.match(error.message, /\n {2}hint: .*--port 0/);
      return true;
    });
  } finally {
    await first.stop();
  }
});

test('the development key serve made up is apiKey when the caller set none', { skip: scriptsRun }, async () => {
  const serve = await startServe({ env: cleanEnv({ COURIER_TOKEN_BINARY: fakeServe }) });
  try {
    assert.equal(serve.apiKey, 'sk_dev_generated_by_serve');
    assert.equal(serve.env, 'test');
  } finally {
    await serve.stop();
  }
});

test('options become serve\'s flags', { skip: scriptsRun }, async (t) => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'courier-token-args-'));
  t.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const argsFile = path.join(scratch, 'args.json');
  const serve = await startServe({
    env: cleanEnv({ COURIER_TOKEN_BINARY: fakeServe, FAKE_SERVE_ARGS: argsFile }),
    workspace: 'workspace.json',
    auth: ['jwt', 'client-key'],
    messages: 'inbox.jsonl',
    log: 'refusals',
    args: ['--enforce', 'soft'],
  });
  await serve.stop();
  assert.deepEqual(JSON.parse(fs.readFileSync(argsFile, 'utf8')), [
    'serve', '--port', '0', '--json', '--workspace', 'workspace.json', '--messages', 'inbox.jsonl',
    '--auth', 'jwt,client-key', '--log', 'refusals', '--enforce', 'soft',
  ]);
});

test('an error line from serve is the rejection\'s message', { skip: scriptsRun }, async () => {
  const line = 'courier-token: --workspace workspace.json: no such file; give an existing file';
  await assert.rejects(startServe({ env: cleanEnv({ COURIER_TOKEN_BINARY: fakeServe, FAKE_SERVE_FAIL: line }), workspace: 'workspace.json' }), { message: line });
});

test('a Node process that never calls stop() still exits, and serve with it', { skip: needsBinary, timeout: 60_000 }, async () => {
  const script = `require(${JSON.stringify(path.join(wrapper, 'index.cjs'))}).startServe({ log: 'quiet' }).then((serve) => console.log(serve.pid));`;
  const run = spawnSync(process.execPath, ['-e', script], {
    env: cleanEnv({ COURIER_TOKEN_BINARY: binary, COURIER_API_KEY: 'sk_test_exit' }),
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const pid = Number(run.stdout.trim());
  assert.ok(pid > 0, run.stdout);
  // The exit hook sent SIGTERM as Node exited; wait for serve to act on it.
  while (alive(pid)) await new Promise((resolve) => setImmediate(resolve));
});
