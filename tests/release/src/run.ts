import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Every command's output is appended here, so a failure can be read in full afterwards. */
  logFile: string;
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  output: string;
}

/** How many lines of output a failure message quotes. */
const TAIL_LINES = 60;

/**
 * Runs a command without a shell and resolves with its exit code and its stdout and stderr
 * interleaved. Asynchronous on purpose: the registry the commands talk to runs in this process
 * tree, and nothing here may block the event loop for long.
 */
export function runCommand(
  command: string,
  args: string[],
  options: RunOptions,
): Promise<RunResult> {
  const { cwd, env, logFile, timeoutMs = 5 * 60_000 } = options;
  const line = `$ (cd ${cwd} && ${command} ${args.join(' ')})`;
  appendFileSync(logFile, `\n${line}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      appendFileSync(logFile, text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]\n`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${line}: could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      appendFileSync(logFile, `[exit ${code ?? signal}]\n`);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Runs a command and throws, quoting the end of its output, unless it exits with 0. */
export async function run(command: string, args: string[], options: RunOptions): Promise<string> {
  const { code, output } = await runCommand(command, args, options);
  if (code !== 0) {
    const tail = output.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${options.cwd} exited with ${code}; ` +
        `full log: ${options.logFile}\n${tail}`,
    );
  }
  return output;
}
