// pushbench's browser page. pushbench (BrowserDriver) tells it over a WebSocket back-channel which
// subscriptions to open; the page opens them with the browser's own WebSocket, EventSource and fetch,
// stamps every message with performance.now() as its handler starts, and streams the records back in
// batches. All times are performance.now() milliseconds; pushbench maps them onto its own clock with
// the offset it estimates over this channel ("sync"), so the page itself does no clock arithmetic.
'use strict';
(function () {
  const page = new URLSearchParams(location.search).get('page');
  const channel = new WebSocket('ws://' + location.host + '/channel?page=' + page);
  const subs = new Map();
  // Records waiting to go back, one line each: "id,time,text\n" after a first line "m". The text is cut after the
  // envelope (pb1:sequence:intended:lag;) where there is one: pushbench reads nothing past it, and the padding
  // would only load the page and the channel.
  let batch = 'm\n';
  let batched = 0;
  let flushScheduled = false;
  const BATCH_MAX = 600;
  const FLUSH_MS = 2;
  // The cost on the page: time spent in message handlers, and how late the event loop runs a task.
  let handlerMs = 0;
  let handled = 0;
  const loopLags = [];
  // Waits of subscriptions closed before they ever opened (held back by the browser the whole time).
  const waitedUntilClosed = [];
  const PROBE_MS = 20;

  function send(obj) {
    if (channel.readyState === WebSocket.OPEN) {
      channel.send(JSON.stringify(obj));
    }
  }

  function flush() {
    flushScheduled = false;
    if (batched > 0 && channel.readyState === WebSocket.OPEN) {
      channel.send(batch);
    }
    batch = 'm\n';
    batched = 0;
  }

  function envelopeOf(text) {
    const marker = text.indexOf('pb1:');
    if (marker >= 0) {
      const end = text.indexOf(';', marker);
      if (end > 0) {
        return text.substring(0, end + 1);
      }
    }
    // Not an envelope: pushbench counts it as undecodable; kept on one line.
    return text.replace(/[\r\n]/g, ' ');
  }

  function record(sub, time, text) {
    batch += sub.id + ',' + time.toFixed(3) + ',' + envelopeOf(text) + '\n';
    batched++;
    if (batched >= BATCH_MAX) {
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      setTimeout(flush, FLUSH_MS);
    }
  }

  // Marks the subscription open (the first time, with how long it waited since it was asked for), or
  // reconnected (later times, with how long it could not receive).
  function opened(sub) {
    const now = performance.now();
    if (!sub.everOpen) {
      sub.everOpen = true;
      send({op: 'opened', id: sub.id, wait: now - sub.created});
    } else if (sub.downSince !== null) {
      send({op: 'reconnect', id: sub.id, down: now - sub.downSince});
    }
    sub.downSince = null;
  }

  function lost(sub, what) {
    if (sub.downSince === null) {
      sub.downSince = performance.now();
      send({op: 'error', id: sub.id, what: what});
    }
  }

  function openWebSocket(sub) {
    const ws = new WebSocket(sub.url);
    sub.ws = ws;
    ws.onopen = () => {
      sub.backoff = 100;
      opened(sub);
    };
    ws.onmessage = (e) => {
      const start = performance.now();
      record(sub, start, typeof e.data === 'string' ? e.data : '');
      handlerMs += performance.now() - start;
      handled++;
    };
    ws.onclose = () => {
      if (sub.closed) {
        return;
      }
      // The WebSocket API does not reconnect by itself; a page does, with a backoff, as the other stacks do.
      lost(sub, 'websocket closed');
      setTimeout(() => { if (!sub.closed) openWebSocket(sub); }, sub.backoff);
      sub.backoff = Math.min(sub.backoff * 2, 2000);
    };
  }

  function openEventSource(sub) {
    // EventSource reconnects by itself, after the server's retry: time, and sends Last-Event-ID.
    const es = new EventSource(sub.url);
    sub.es = es;
    es.onopen = () => opened(sub);
    es.onmessage = (e) => {
      const start = performance.now();
      record(sub, start, e.data);
      handlerMs += performance.now() - start;
      handled++;
    };
    es.onerror = () => {
      if (sub.closed) {
        return;
      }
      if (es.readyState === EventSource.CLOSED) {
        // The browser gave up (an HTTP error or a wrong content type): it will not retry, so the page does.
        lost(sub, 'event stream closed by the browser');
        setTimeout(() => { if (!sub.closed) openEventSource(sub); }, 500);
      } else if (sub.everOpen) {
        lost(sub, 'event stream lost; the browser reconnects');
      }
    };
  }

  function unescapeLine(text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    return text.replace(/\\(.)/g, (m, c) => c === 'n' ? '\n' : c === 'r' ? '\r' : c);
  }

  async function longPoll(sub) {
    // pushbench's long polling: the first poll asks for the newest id (after=newest), each next one for what
    // came after the last id it got (header Pushbench-Last-Id).
    let after = 'newest';
    let backoff = 100;
    sub.abort = new AbortController();
    while (!sub.closed) {
      const url = new URL(sub.url);
      url.searchParams.set('after', after);
      let response;
      let body;
      try {
        response = await fetch(url, {cache: 'no-store', signal: sub.abort.signal});
        body = await response.text();
      } catch (e) {
        if (sub.closed) {
          return;
        }
        lost(sub, 'poll failed: ' + e.message);
        await new Promise(r => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 2000);
        after = 'newest';
        continue;
      }
      const start = performance.now();
      const last = response.headers.get('Pushbench-Last-Id');
      if (!response.ok || last === null) {
        lost(sub, 'poll answered ' + response.status + (last === null ? ' without Pushbench-Last-Id' : ''));
        await new Promise(r => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 2000);
        after = 'newest';
        continue;
      }
      backoff = 100;
      const first = after === 'newest';
      after = last.trim();
      if (first) {
        opened(sub);
        continue;
      }
      let from = 0;
      while (from < body.length) {
        let lf = body.indexOf('\n', from);
        if (lf < 0) {
          lf = body.length;
        }
        const sp = body.indexOf(' ', from);
        if (sp > from && sp < lf) {
          record(sub, start, unescapeLine(body.substring(sp + 1, lf)));
          handled++;
        }
        from = lf + 1;
      }
      handlerMs += performance.now() - start;
    }
  }

  function open(cmd) {
    const sub = {id: cmd.id, url: cmd.url, sendUrl: cmd.send, kind: cmd.kind, created: performance.now(),
      everOpen: false, downSince: null, closed: false, backoff: 100};
    subs.set(sub.id, sub);
    if (sub.kind === 'websocket') {
      openWebSocket(sub);
    } else if (sub.kind === 'sse') {
      openEventSource(sub);
    } else {
      longPoll(sub);
    }
  }

  function sendUp(cmd) {
    const sub = subs.get(cmd.id);
    if (!sub) {
      return;
    }
    if (sub.kind === 'websocket') {
      if (sub.ws && sub.ws.readyState === WebSocket.OPEN) {
        sub.ws.send(cmd.text);
      }
    } else if (sub.sendUrl) {
      fetch(sub.sendUrl, {method: 'POST', body: cmd.text, cache: 'no-store'})
        .catch(e => send({op: 'error', id: sub.id, what: 'send failed: ' + e.message}));
    }
  }

  function close(cmd) {
    const sub = subs.get(cmd.id);
    if (!sub) {
      return;
    }
    sub.closed = true;
    if (!sub.everOpen) {
      waitedUntilClosed.push(performance.now() - sub.created);
    }
    if (sub.ws) sub.ws.close();
    if (sub.es) sub.es.close();
    if (sub.abort) sub.abort.abort();
    subs.delete(cmd.id);
    flush();
    send({op: 'closed', id: sub.id});
  }

  function stats() {
    flush();
    const waiting = waitedUntilClosed.slice();
    subs.forEach(s => { if (!s.everOpen) waiting.push(performance.now() - s.created); });
    send({op: 'stats', handled: handled, handlerMs: handlerMs, lags: loopLags.splice(0), waiting: waiting});
  }

  // The event-loop probe: a task asked for every PROBE_MS; how much later it runs is the delay any task
  // (a message handler among them) waits on this page's event loop.
  let expected = performance.now() + PROBE_MS;
  function probe() {
    const now = performance.now();
    if (loopLags.length < 100000) {
      loopLags.push(Math.max(0, now - expected));
    }
    expected = now + PROBE_MS;
    setTimeout(probe, PROBE_MS);
  }

  channel.onopen = () => {
    send({op: 'hello', page: page});
    setTimeout(probe, PROBE_MS);
  };
  channel.onmessage = (e) => {
    const cmd = JSON.parse(e.data);
    switch (cmd.op) {
      case 'sync': send({op: 'sync', n: cmd.n, p: performance.now()}); break;
      case 'open': open(cmd); break;
      case 'send': sendUp(cmd); break;
      case 'close': close(cmd); break;
      case 'stats': stats(); break;
      case 'newPage': window.open(cmd.url, '_blank', 'noopener'); break;
      case 'resetStats': handlerMs = 0; handled = 0; loopLags.length = 0; break;
    }
  };
})();
