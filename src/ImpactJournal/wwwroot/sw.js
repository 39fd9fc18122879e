// The journal's service worker: a partner's capture pages open with no signal, and what is saved with no signal is
// kept on the device (js/outbox.js) and sent once the signal is back. The journal's own idempotency decides what
// a send did: the same id with the same words is already there, the same id with other words is a conflict (409).
importScripts('/js/outbox.js');

const pages = 'impactjournal-pages-v1';
const files = 'impactjournal-files-v1';
const shell = ['/app.css', '/js/outbox.js', '/js/offline.js', '/js/on-this-device.js', '/js/signifiers.js',
  '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/maskable-512.png'];
const alliance = '^/alliances/[0-9a-f-]{36}/';
// The pages that open with no signal: the two forms, the entries last seen, and what is kept on the device.
const offlinePage = new RegExp(`${alliance}(notice|stories/tell|entries|on-this-device)$`);
const form = new RegExp(`${alliance}(notice|stories/tell)$`);

self.addEventListener('install', event => {
  event.waitUntil(caches.open(files).then(cache => cache.addAll(shell)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(names => Promise.all(names.filter(name => ![pages, files].includes(name)).map(name => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (event.request.method === 'POST' && form.test(url.pathname)) event.respondWith(sendOrKeep(event.request, url.pathname));
  else if (event.request.method === 'GET' && event.request.mode === 'navigate' && offlinePage.test(url.pathname))
    event.respondWith(page(event, url));
  else if (event.request.method === 'GET' && shell.includes(url.pathname)) event.respondWith(file(event.request));
});

self.addEventListener('sync', event => {
  if (event.tag === 'outbox') event.waitUntil(send());
});

self.addEventListener('message', event => {
  if (event.data === 'send') event.waitUntil(send());
  else if (event.data?.keep) event.waitUntil(keepPages(event.data.keep));
});

// A form sent with no signal (or cut off while sending) is kept, and the person is shown the form again, fresh.
async function sendOrKeep(request, path) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch (noSignal) {
    if (!Outbox.idOf(body)) throw noSignal;
    await Outbox.keep(path, body, await lastOwner());
    await self.registration.sync?.register('outbox').catch(() => {});
    await tellPages();
    return Response.redirect(new URL(`${path}?kept=1`, self.location.origin).href, 303);
  }
}

// The network first (the page as it is now), the copy last seen when there is no signal.
async function page(event, url) {
  const path = url.pathname;
  try {
    const response = await fetch(event.request);
    if (response.ok && cacheable(url)) await (await caches.open(pages)).put(path, response.clone());
    // "Saved" leads to the entries with a confirmation: keep the plain list as it now is instead.
    else if (response.ok && url.searchParams.has('saved')) event.waitUntil(keepPages({ paths: [path], again: true }));
    return response;
  } catch {
    const kept = await caches.match(path, { cacheName: pages });
    if (!kept) return new Response(noCopy, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    return form.test(path) ? withNewId(kept) : kept;
  }
}

const cacheable = url => [...url.searchParams.keys()].every(key => key === 'draft');

// A form opened from the device gets an id of its own, so it can never collide with one already sent or kept.
async function withNewId(kept) {
  const html = (await kept.text()).replace(/(name="Form\.Id" value=")[0-9a-fA-F-]{36}"/, `$1${crypto.randomUUID()}"`);
  return new Response(html, { status: kept.status, statusText: kept.statusText, headers: kept.headers });
}

async function file(request) {
  const cache = await caches.open(files);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (noSignal) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw noSignal;
  }
}

// Keeps an alliance's offline pages on the device as soon as a page of the alliance is open, so the forms open with
// no signal even if the person never opened them before. Only what is missing, unless asked again.
async function keepPages({ alliance, owner, paths, again }) {
  // Someone else signed in on this device (the last one's session ended without signing out): the copies kept for
  // the last one ("My entries" with their words) go before any are kept for this one.
  const last = await lastOwner();
  if (owner && last && owner !== last) await caches.delete(pages);
  const cache = await caches.open(pages);
  if (owner) await cache.put(ownerKey, new Response(owner));
  const wanted = paths ?? ['notice', 'stories/tell', 'entries', 'on-this-device'].map(p => `/alliances/${alliance}/${p}`);
  for (const path of wanted) {
    if (!again && await cache.match(path)) continue;
    try {
      const response = await fetch(path, { credentials: 'same-origin' });
      if (response.ok && new URL(response.url).pathname === path) await cache.put(path, response);
    } catch {
      return;
    }
  }
}

// Who was signed in when a page was last open: a form kept with no signal is theirs.
const ownerKey = '/offline/owner';
async function lastOwner() {
  return (await caches.match(ownerKey, { cacheName: pages }))?.text();
}

let sending = null;

// One send at a time, however many pages, reconnections and background syncs ask for it.
function send() {
  sending ??= sendWaiting().finally(() => { sending = null; });
  return sending;
}

async function sendWaiting() {
  const signedIn = await freshToken();
  if (!signedIn) return;
  const waiting = (await Outbox.of(signedIn.owner)).filter(entry => entry.state === 'waiting');
  if (waiting.length === 0) return;
  const { token } = signedIn;
  for (const entry of waiting) {
    // The token in the kept form may have outlived the browser's antiforgery cookie: a fresh one goes with the words.
    const body = new URLSearchParams(entry.body);
    body.set('__RequestVerificationToken', token);
    let response;
    try {
      response = await fetch(entry.url, { method: 'POST', body, redirect: 'manual', credentials: 'same-origin' });
    } catch {
      return;
    }
    if (response.type === 'opaqueredirect') await Outbox.drop(entry.id);
    else if (response.status === 409) await Outbox.mark(entry, 'conflict');
    else if (response.status >= 400 && response.status < 500) await Outbox.mark(entry, 'refused');
    else return;
    await tellPages();
  }
  // The entries as they now are, for the next time there is no signal.
  const entries = waiting.map(entry => entry.url.replace(/(notice|stories\/tell)$/, 'entries'));
  await keepPages({ paths: [...new Set(entries)], again: true });
}

// The token and whose entries may go with it; null when signed out (the token page sends to sign-in) or with no signal: the entries wait.
async function freshToken() {
  try {
    const response = await fetch('/offline/token', { redirect: 'manual', cache: 'no-store', credentials: 'same-origin' });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

async function tellPages() {
  for (const client of await self.clients.matchAll()) client.postMessage('outbox-changed');
}

const noCopy = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>No signal · ImpactJournal</title><link rel="stylesheet" href="/app.css"></head><body><main id="main">
<h1>No signal</h1><p>This page was not kept on this device. "What did you notice?", "Tell a story" and "My entries" open
with no signal once you have opened the journal with a signal.</p></main></body></html>`;
