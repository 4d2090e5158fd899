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
