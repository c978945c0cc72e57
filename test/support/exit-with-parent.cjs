// Preloaded into the Azurite child (`node --require`) by azurite.ts, so that Azurite exits when the test process that
// started it dies without calling stop(), e.g. a jest worker killed after a timeout. The parent holds the write end of
// the child's stdin pipe; when the parent dies the pipe closes, stdin reports end-of-file, and this exits.
// stdin is unref'd: Azurite's SIGTERM handler closes its server and waits for the event loop to empty, which an
// open stdin would prevent. Plain CommonJS because it runs under bare node, not through SWC.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.stdin.unref();
