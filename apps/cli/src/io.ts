// Where a command writes: stdout and stderr in the real CLI, strings in the tests. Its own
// module so that the commands depend on it, not on main.ts (which imports the commands).

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
