// A progress bar on stderr for long runs, drawn only when stderr is a terminal and at most
// ten times a second, so piped output and logs stay clean; it shows the rate and the time left.

export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  const started = performance.now();
  let last = 0;
  return {
    update(done: number, total: number): void {
      if (!enabled) return;
      const now = performance.now();
      if (done < total && now - last < 100) return;
      last = now;
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  ${rate.toFixed(1)}/s  ETA ${eta} s `,
      );
    },
    done(): void {
      if (enabled) stream.write('\n');
    },
  };
}
