/** What the terminal can do: interactivity, width, and OSC 8 hyperlinks. */
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Streams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

/** Interactive commands need a terminal on both ends. */
export function isInteractive(s: Streams = process): boolean {
  return Boolean(s.stdin.isTTY && s.stdout.isTTY);
}

export function terminalWidth(stdout: NodeJS.WriteStream = process.stdout): number {
  return Math.max(40, Math.min(stdout.columns || 80, 100));
}

/**
 * OSC 8 hyperlinks where the terminal is known to show them; plain text elsewhere (a terminal
 * that does not know OSC 8 may print the escape codes). FORCE_HYPERLINK=1/0 overrides.
 */
export function supportsHyperlinks(
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.FORCE_HYPERLINK !== undefined)
    return env.FORCE_HYPERLINK !== '0' && env.FORCE_HYPERLINK !== 'false';
  if (!stream.isTTY || env.CI || env.TERM === 'dumb') return false;
  // tmux and screen drop or mangle OSC 8 unless configured for it
  if (env.TMUX || env.STY) return false;
  if (env.WT_SESSION || env.DOMTERM || env.KONSOLE_VERSION) return true;
  if (Number(env.VTE_VERSION) >= 5000) return true;
  const program = env.TERM_PROGRAM ?? '';
  if (['iTerm.app', 'WezTerm', 'vscode', 'ghostty', 'Hyper', 'Tabby'].includes(program))
    return true;
  return /kitty|alacritty|foot|wezterm|ghostty/.test(env.TERM ?? '');
}

export function hyperlink(text: string, url: string, enabled = supportsHyperlinks()): string {
  return enabled ? `\x1b]8;;${url}\x1b\\${text}\x1b]8;;\x1b\\` : text;
}

/**
 * A file path to show: relative to the invocation folder when inside it, absolute otherwise,
 * with `:line:column` when given; clickable where the terminal supports it.
 */
export function fileLink(
  path: string,
  options: { line?: number; column?: number; from?: string; enabled?: boolean } = {},
): string {
  const rel = options.from ? relative(options.from, path) : path;
  const shown = rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
  const suffix = options.line
    ? `:${options.line}${options.column ? `:${options.column}` : ''}`
    : '';
  const url = pathToFileURL(path).href + (options.line ? `#L${options.line}` : '');
  return hyperlink(`${shown}${suffix}`, url, options.enabled);
}
