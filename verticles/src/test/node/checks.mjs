// Tiny assertion helpers shared by the Node test scripts; the closing line is 'name: N passed, M failed'.
let passed = 0;
let failed = 0;

export function check(what, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`not ok - ${what}${detail ? `: ${detail}` : ''}`);
  }
}

export async function waitFor(condition, ms, what) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function done(name) {
  console.log(`${name}: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

export function fail(error) {
  console.log(`not ok - ${error && error.stack ? error.stack : error}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}
