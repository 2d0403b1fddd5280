/**
 * Drives a command in a real pseudo-terminal, for tests of interactive prompts. util-linux's
 * `script` (Debian's bsdutils, always installed) allocates the terminal and `stty` sizes it,
 * so the program sees a TTY with raw keypresses as it would under a person's fingers.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export const keys = {
  enter: '\r',
  up: '\x1b[A',
  down: '\x1b[B',
  backspace: '\x7f',
  ctrlC: '\x03',
} as const;

const quote = (arg: string): string => `'${arg.replaceAll("'", `'\\''`)}'`;
const ESC = String.fromCharCode(27);
// colours, cursor moves and erases: what a screen would interpret, not show
const CONTROL = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}[()][A-Z0-9]|\\r`, 'g');

export interface TerminalOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  columns?: number;
  rows?: number;
}

export class Terminal {
  private raw = '';
  private readonly child: ChildProcess;
  /** The program's exit code, once it has ended. */
  readonly exit: Promise<number | null>;

  constructor(command: readonly string[], options: TerminalOptions) {
    const { columns = 110, rows = 45 } = options;
    const line = `stty cols ${columns} rows ${rows}; exec ${command.map(quote).join(' ')}`;
    this.child = spawn('script', ['-qfec', line, '/dev/null'], {
      cwd: options.cwd,
      env: { ...options.env, TERM: 'xterm-256color' },
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8');
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8');
    });
    this.exit = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** What the screen has shown so far, as text. */
  text(since = 0): string {
    return this.raw.slice(since).replace(CONTROL, '');
  }

  /** A position in the output, for waiting on what comes after it. */
  mark(): number {
    return this.raw.length;
  }

  /** Resolves with the output since `since` once `pattern` shows in it. */
  async waitFor(pattern: RegExp, since = 0, timeoutMs = 90_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const shown = this.text(since);
      if (pattern.test(shown)) return shown;
      if (Date.now() - start > timeoutMs) {
        throw new Error(`no ${pattern} on the terminal; its last lines:\n${shown.slice(-1500)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Types keys one at a time with a pause between, as a person would, so sequences never merge. */
  async press(...typed: string[]): Promise<void> {
    for (const key of typed) {
      this.child.stdin?.write(key);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
