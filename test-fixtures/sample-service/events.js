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
  }

  track(userId, eventName, properties) {
    const event = {
      user_id: userId,
      event_name: eventName,
      timestamp: new Date().toISOString(),
      properties: properties || {},
      insert_id: crypto.randomUUID(),
    };
    if (!this.endpoint) {
      console.log('event ' + JSON.stringify(event));
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
    const events = this.pending.splice(0, this.pending.length);
    try {
      const headers = { 'content-type': 'application/json' };
      if (this.token) headers.authorization = 'Bearer ' + this.token;
      const response = await fetch(this.endpoint, { method: 'POST', headers, body: JSON.stringify({ events }) });
      if (!response.ok) {
        console.error(`analytics ingest answered HTTP ${response.status}; ${events.length} events dropped`);
      } else {
        console.log(`sent ${events.length} events to analytics`);
      }
    } catch (e) {
      console.error(`analytics ingest unreachable (${e.message}); ${events.length} events dropped`);
    }
  }
}

module.exports = { EventSender };
