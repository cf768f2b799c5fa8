// A one-line progress bar on a terminal; silent when the output is a file or a pipe.

export interface Progress {
  tick(label: string): void;
  done(): void;
}

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total < 2) return { tick: () => undefined, done: () => undefined };
  let count = 0;
  const width = 24;
  return {
    tick(label: string) {
      count++;
      const filled = Math.round((count / total) * width);
      const name = label.length > 40 ? '…' + label.slice(-39) : label;
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${total} ${name}`.padEnd(90));
    },
    done() {
      stream.write('\r' + ' '.repeat(90) + '\r');
    },
  };
}
