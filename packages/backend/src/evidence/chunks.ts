import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';

const chunkBytes = 4 * 1024 * 1024;

/**
 * Hands the text of a byte stream to `onText` in pieces that end at a line feed (the last piece may not), each
 * decoded as UTF-8 once. A line feed byte never sits inside a multi-byte character, so no character is split.
 */
export async function forEachText(
  source: AsyncIterable<Uint8Array>,
  onText: (text: string) => void,
): Promise<void> {
  let carry: Buffer[] = [];
  for await (const piece of source) {
    const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
    const nl = chunk.lastIndexOf(10);
    // The chunk's buffer may be reused for the next read, so an unfinished line is copied out.
    if (nl < 0) {
      carry.push(Buffer.from(chunk));
      continue;
    }
    let from = 0;
    if (carry.length > 0) {
      from = chunk.indexOf(10) + 1;
      onText(Buffer.concat([...carry, chunk.subarray(0, from)]).toString('utf8'));
    }
    if (from <= nl) onText(decode(chunk.subarray(from, nl + 1)));
    carry = nl + 1 < chunk.length ? [Buffer.from(chunk.subarray(nl + 1))] : [];
  }
  if (carry.length > 0) onText(Buffer.concat(carry).toString('utf8'));
}

/** UTF-8; an all-ASCII chunk (the usual log) is copied byte for byte, which gives the same text faster. */
const decode = (b: Buffer): string => b.toString(isAscii(b) ? 'latin1' : 'utf8');

/**
 * A file (or its bytes from `start` up to `end`) in large chunks, the next one read while the caller works on the
 * current one. Each chunk is valid until the next is asked for.
 */
export async function* fileChunks(
  path: string,
  onRead: (bytes: number) => void,
  start = 0,
  end = Number.POSITIVE_INFINITY,
): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  let current = Buffer.allocUnsafe(chunkBytes);
  let next = Buffer.allocUnsafe(chunkBytes);
  let total = 0;
  const want = () => Math.max(0, Math.min(chunkBytes, end - start - total));
  let pending = fh.read(current, 0, want(), start);
  try {
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return;
      total += bytesRead;
      onRead(total);
      pending = fh.read(next, 0, want(), start + total);
      yield current.subarray(0, bytesRead);
      [current, next] = [next, current];
    }
  } finally {
    await pending.catch(() => undefined);
    await fh.close();
  }
}
