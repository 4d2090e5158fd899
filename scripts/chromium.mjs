// How the tests and benchmarks start Chromium: Debian's package (never a downloaded browser), headless,
// as root (hence --no-sandbox), quiet (no updates, sync or background traffic that would skew figures).
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

// For calls: a fake microphone and camera without a permission prompt, and loopback ICE candidates
// (DESIGN.md: on a machine with only loopback, Chromium gathers none without it and JsSIP never sends
// the INVITE). Autoplay stays as a customer's browser has it, unless a caller adds its own flag.
export const fakeMediaArgs = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
];
