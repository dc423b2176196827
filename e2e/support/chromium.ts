/**
 * How every browser run here starts Chromium (the e2e tests and the browser benches): the machine's
 * own build, headless, with nothing of its own going to the network (no QUIC, sync, component or
 * background updates), so the only traffic is to the dashboard on loopback.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
