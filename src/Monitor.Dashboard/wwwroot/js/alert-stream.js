// The live alert stream read with fetch (EventSource cannot send the Authorization header): SSE frames parsed here,
// reconnecting with Last-Event-ID after a failure so no change is missed.

import { authHeaders } from './api.js';

/**
 * Opens /api/alerts/stream and calls onChange({ id, event, change }) per event and onStatus(state, detail) on
 * connection changes ('connecting', 'open', 'retrying', 'closed'). Returns { close(), lastEventId }.
 */
export function openAlertStream({ onChange, onStatus, after }) {
  const controller = new AbortController();
  let lastEventId = after === undefined || after === null ? null : String(after);
  let retryMs = 1000;
  let closed = false;

  const state = {
    close() {
      closed = true;
      controller.abort();
      onStatus?.('closed');
    },
    get lastEventId() {
      return lastEventId;
    },
  };

  (async () => {
    while (!closed) {
      onStatus?.('connecting');
      try {
        const headers = authHeaders({ Accept: 'text/event-stream' });
        if (lastEventId !== null) {
          headers['Last-Event-ID'] = lastEventId;
        }
        const response = await fetch('/api/alerts/stream', { headers, signal: controller.signal, cache: 'no-store' });
        if (!response.ok) {
          throw new Error(`the stream answered HTTP ${response.status}`);
        }
        onStatus?.('open', lastEventId);
        retryMs = 1000;
        await readFrames(response.body, frame => {
          if (frame.id !== undefined) {
            lastEventId = frame.id;
          }
          if (frame.retry !== undefined) {
            retryMs = frame.retry;
          }
          if (frame.data !== undefined) {
            onChange?.({ id: frame.id, event: frame.event ?? 'message', change: JSON.parse(frame.data) });
          }
        });
        if (!closed) {
          throw new Error('the stream ended');
        }
      } catch (error) {
        if (closed) {
          return;
        }
        onStatus?.('retrying', error.message);
        await new Promise(resolve => setTimeout(resolve, retryMs));
        retryMs = Math.min(retryMs * 2, 30000);
      }
    }
  })();
  return state;
}

/** Reads the event-stream body and calls onFrame for each complete event (comments are heartbeats and ignored). */
async function readFrames(body, onFrame) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let frame = {};
  while (true) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      if (buffer[newline] === '\r' && newline === buffer.length - 1) {
        break; // a CR at the end of a chunk may be half of CRLF
      }
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (Object.keys(frame).length > 0) {
          onFrame(frame);
        }
        frame = {};
        continue;
      }
      if (line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) {
        value = value.slice(1);
      }
      if (field === 'data') {
        frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
      } else if (field === 'event') {
        frame.event = value;
      } else if (field === 'id' && !value.includes('\0')) {
        frame.id = value;
      } else if (field === 'retry' && /^\d+$/.test(value)) {
        frame.retry = Number(value);
      }
    }
  }
}
