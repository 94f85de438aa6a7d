#!/usr/bin/env node
'use strict';
// `npx courier-token …`: runs the platform binary with this process's arguments, stdin, stdout
// and stderr, forwards the signals that stop it (SIGINT, SIGTERM, SIGHUP), and ends as the
// binary ended: with its exit code, or killed by the same signal.

const { spawn } = require('node:child_process');
const os = require('node:os');
const { resolveBinary } = require('../lib/resolve.js');

let binary;
try {
  binary = resolveBinary().path;
} catch (error) {
  process.stderr.write(`courier-token: ${error.message}\n`);
  process.exit(2);
}

const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit', windowsHide: false });

// On Windows a console Ctrl-C reaches the binary directly, and child.kill() would end it
// without a chance to stop cleanly, so only the other signals are passed on there.
const FORWARDED = process.platform === 'win32' ? ['SIGTERM', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
const forwarders = FORWARDED.map((signal) => {
  const forward = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on(signal, forward);
  return [signal, forward];
});

child.on('error', (error) => {
  process.stderr.write(`courier-token: could not run ${binary}: ${error.message}\n`);
  process.exit(2);
});

child.on('exit', (code, signal) => {
  for (const [name, forward] of forwarders) process.removeListener(name, forward);
  if (signal) {
    // Die of the same signal; one Node ignores (SIGPIPE) ends with the shell's 128 + number.
    process.kill(process.pid, signal);
    process.exit(128 + (os.constants.signals[signal] || 0));
  }
  process.exit(code);
});
