/** Single keypresses in raw mode, paused while a @clack prompt owns the terminal. */
import { emitKeypressEvents } from 'node:readline';

export interface Key {
  name?: string;
  sequence?: string;
  ctrl?: boolean;
}

export interface KeyListener {
  pause(): void;
  resume(): void;
  close(): void;
}

export function listenKeys(stdin: NodeJS.ReadStream, onKey: (key: string) => void): KeyListener {
  emitKeypressEvents(stdin);
  const handler = (str: string | undefined, key: Key | undefined) => {
    if (key?.ctrl && (key.name === 'c' || key.name === 'd')) return onKey('quit');
    const name = key?.name ?? str;
    if (name === 'escape') return onKey('quit');
    if (name === 'return' || name === 'enter') return onKey('enter');
    if (str) onKey(str.toLowerCase());
  };
  let active = false;
  const resume = () => {
    if (active) return;
    active = true;
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('keypress', handler);
    stdin.resume();
  };
  const pause = () => {
    if (!active) return;
    active = false;
    stdin.off('keypress', handler);
    if (stdin.isTTY) stdin.setRawMode(false);
  };
  resume();
  return {
    pause,
    resume,
    close() {
      pause();
      stdin.pause();
    },
  };
}
