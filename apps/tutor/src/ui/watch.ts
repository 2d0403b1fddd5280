/**
 * Calls back when one of the watched files changes content. Uses fs.watch on the folder
 * (editors often save by writing a new file and renaming it over the old one, which a watch on
 * the file itself would lose), and falls back to polling when watching is not possible or
 * fails, or when asked to poll.
 */
import { type FSWatcher, readFileSync, statSync, watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface Watcher {
  readonly mode: 'watch' | 'poll';
  close(): void;
}

export interface WatchOptions {
  poll?: boolean;
  intervalMs?: number;
  /** Told when watching failed and polling took over. */
  onFallback?: (reason: string) => void;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function watchFiles(
  files: string[],
  onChange: (file: string) => void,
  options: WatchOptions = {},
): Watcher {
  const last = new Map(files.map((f) => [f, read(f)]));
  const timers = new Map<string, NodeJS.Timeout>();
  const changed = (file: string) => {
    const content = read(file);
    if (content === null || content === last.get(file)) return;
    last.set(file, content);
    onChange(file);
  };
  const settle = (file: string) => {
    clearTimeout(timers.get(file));
    timers.set(
      file,
      setTimeout(() => changed(file), 120),
    );
  };

  let mode: 'watch' | 'poll' = 'poll';
  let watchers: FSWatcher[] = [];
  let poller: NodeJS.Timeout | undefined;
  const startPolling = () => {
    mode = 'poll';
    const stamp = (f: string) => {
      try {
        const s = statSync(f);
        return `${s.mtimeMs}:${s.size}`;
      } catch {
        return 'missing';
      }
    };
    const stamps = new Map(files.map((f) => [f, stamp(f)]));
    poller = setInterval(() => {
      for (const f of files) {
        const s = stamp(f);
        if (s !== stamps.get(f)) {
          stamps.set(f, s);
          changed(f);
        }
      }
    }, options.intervalMs ?? 500);
    poller.unref?.();
  };

  if (!options.poll) {
    try {
      const byDir = new Map<string, Set<string>>();
      for (const f of files) {
        const set = byDir.get(dirname(f)) ?? new Set();
        set.add(basename(f));
        byDir.set(dirname(f), set);
      }
      for (const [dir, names] of byDir) {
        const w = watch(dir, (_event, name) => {
          if (name === null) {
            for (const n of names) settle(join(dir, n));
          } else if (names.has(String(name))) settle(join(dir, String(name)));
        });
        w.on('error', (e) => {
          for (const x of watchers) x.close();
          watchers = [];
          options.onFallback?.(e.message);
          if (!poller) startPolling();
        });
        watchers.push(w);
      }
      mode = 'watch';
    } catch (e) {
      for (const x of watchers) x.close();
      watchers = [];
      options.onFallback?.((e as Error).message);
      startPolling();
    }
  } else {
    startPolling();
  }

  return {
    get mode() {
      return mode;
    },
    close() {
      for (const w of watchers) w.close();
      clearInterval(poller);
      for (const t of timers.values()) clearTimeout(t);
    },
  };
}
