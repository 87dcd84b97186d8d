// Sends product events to POST {ANALYTICS_URL}/ingest/events in small batches. Without a URL the
// events are only logged, so the service runs standalone.
'use strict';

const crypto = require('crypto');

class EventSender {
  constructor(baseUrl, token) {
    this.endpoint = baseUrl ? baseUrl.replace(/\/+$/, '') + '/ingest/events' : null;
    this.token = token || '';
    this.pending = [];
    this.timer = null;
    // How many events were tracked, acknowledged by the ingest endpoint, and dropped: a caller can
    // tell from GET /healthz when everything it caused has been stored.
    this.tracked = 0;
    this.sent = 0;
    this.dropped = 0;
  }

  counts() {
    return { tracked: this.tracked, sent: this.sent, dropped: this.dropped, pending: this.tracked - this.sent - this.dropped };
  }

  track(userId, eventName, properties) {
    const event = {
      user_id: userId,
      event_name: eventName,
      timestamp: new Date().toISOString(),
      properties: properties || {},
      insert_id: crypto.randomUUID(),
    };
    this.tracked += 1;
    if (!this.endpoint) {
      console.log('event ' + JSON.stringify(event));
      this.sent += 1;
      return;
    }
    this.pending.push(event);
    // Batch what arrives within 200 ms into one request.
    if (!this.timer) this.timer = setTimeout(() => this.flush(), 200);
  }

  async flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.endpoint || this.pending.length === 0) return;
    // At most 500 a request, well inside the ingest endpoint's batch limit; the rest go next.
    const events = this.pending.splice(0, 500);
    if (this.pending.length > 0) this.timer = setTimeout(() => this.flush(), 0);
    try {
      const headers = { 'content-type': 'application/json' };
      if (this.token) headers.authorization = 'Bearer ' + this.token;
      const response = await fetch(this.endpoint, { method: 'POST', headers, body: JSON.stringify({ events }) });
      if (!response.ok) {
        this.dropped += events.length;
        console.error(`analytics ingest answered HTTP ${response.status}; ${events.length} events dropped`);
      } else {
        this.sent += events.length;
        console.log(`sent ${events.length} events to analytics`);
      }
    } catch (e) {
      this.dropped += events.length;
      console.error(`analytics ingest unreachable (${e.message}); ${events.length} events dropped`);
    }
  }
}

module.exports = { EventSender };
