/**
 * Backpressure from the client to the server. The connection parses every message as it arrives and answers
 * later, and vscode-jsonrpc's writer queues each answer until the previous one has been handed to the pipe. A
 * client that sends requests but stops reading the answers would so make the server hold requests and answers in
 * memory without bound. Here the server counts requests received and not yet answered (plus any message waiting to
 * be written); above `highWater` it stops reading, and it reads on once the count is down to half. Nothing is
 * dropped: the client's own writes block until it reads again.
 */
import type { Readable } from 'node:stream';
import type { DataCallback, Message, MessageReader, MessageWriter } from 'vscode-languageserver/node';

export const HIGH_WATER = 256;

interface Bounded {
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
}

const isRequest = (m: Message): boolean => 'method' in m && 'id' in m && (m as { id?: unknown }).id !== undefined;

export function bounded(reader: MessageReader, writer: MessageWriter, input: Readable, highWater = HIGH_WATER): Bounded {
  let open = 0;
  let paused = false;
  const up = (): void => {
    open++;
    if (!paused && open > highWater) {
      paused = true;
      input.pause();
    }
  };
  const down = (): void => {
    open--;
    if (paused && open <= highWater / 2) {
      paused = false;
      input.resume();
    }
  };
  return {
    reader: {
      onError: reader.onError,
      onClose: reader.onClose,
      onPartialMessage: reader.onPartialMessage,
      dispose: () => reader.dispose(),
      listen(callback: DataCallback) {
        return reader.listen((msg) => {
          if (isRequest(msg)) up();
          callback(msg);
        });
      },
    },
    writer: {
      onError: writer.onError,
      onClose: writer.onClose,
      end: () => writer.end(),
      dispose: () => writer.dispose(),
      write(msg: Message): Promise<void> {
        // Every message counts while it waits to be written; an answer also closes its request once written.
        up();
        const answer = !('method' in msg) && 'id' in msg;
        const done = writer.write(msg);
        const settle = (): void => {
          down();
          if (answer) down();
        };
        done.then(settle, settle);
        return done;
      },
    },
  };
}
