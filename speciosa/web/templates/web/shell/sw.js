// speciosa's service worker. It caches the app shell only: the static files and the offline page,
// fetched without cookies. Pages and API answers are never cached (they are personal; the server
// sends them no-store): a page that cannot be fetched is answered with the offline page.
"use strict";
const CACHE = "{{ cache_name }}";
const SHELL = {{ shell_json|safe }};
const OFFLINE_URL = {{ offline_url_json|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { credentials: "omit" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL, { ignoreVary: true })));
    return;
  }
  if (SHELL.includes(url.pathname) && url.pathname !== OFFLINE_URL) {
    event.respondWith(caches.match(url.pathname, { ignoreVary: true }).then((hit) => hit || fetch(request)));
  }
});
