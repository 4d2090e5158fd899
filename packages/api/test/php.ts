import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./php-reference.php', import.meta.url));

/** Whether PHP's CLI is here. CI installs it (scripts/setup-system.sh); without it locally the PHP tests skip. */
export const hasPhp = spawnSync('php', ['-v']).status === 0;

export type PhpCase = {
  path: string;
  secret: string;
} & (
  | { params: Record<string, unknown> }
  /** A received form body, read by PHP's parse_str (as $_POST) before it is signed. */
  | { body: string }
);

/** Runs many cases through real PHP in one process. */
export function phpSign(cases: PhpCase[]): { query: string; signature: string }[] {
  const run = spawnSync('php', [script], { input: JSON.stringify(cases), maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`php failed: ${run.stderr.toString()}`);
  return JSON.parse(run.stdout.toString()) as { query: string; signature: string }[];
}
