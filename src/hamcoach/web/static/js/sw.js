// hamcoach service worker. Serve this file at /sw.js (scope /), ideally as /sw.js?v=<hash of the
// static files> so every deploy gets a fresh cache (app.js reads <body data-sw-version>).
// Pages: network first, cached copy when offline. /static/: cache first. /api/: never cached.

const BASE = "hamcoach";
const VERSION = new URL(self.location.href).searchParams.get("v") || "dev";
const CACHE = `${BASE}-1-${VERSION}`;
const NAV_TIMEOUT_MS = 4000;
const SYNC_TAG = "hamcoach-sync";

const PAGES = ["/", "/today", "/week", "/history", "/progress"];
const STATIC = [
  "/static/manifest.webmanifest",
  "/static/css/app.css",
  "/static/js/api.js",
  "/static/js/app.js",
  "/static/js/guided.js",
  "/static/js/history.js",
  "/static/js/settings.js",
  "/static/js/sign-out.js",
  "/static/js/offline-queue.js",
  "/static/js/refused-sets.js",
  "/static/js/rest-timer.js",
  "/static/js/set-form.js",
  "/static/js/stepper.js",
  "/static/js/timezone.js",
  "/static/js/week-move.js",
  "/static/js/video-angle.js",
  "/static/js/sound.js",
  "/static/js/tempo.js",
  "/static/vendor/htmx.min.js",
  "/static/icons/icon.svg",
  "/static/icons/icon-192.png",
  "/static/icons/icon-512.png",
  "/static/icons/icon-maskable-512.png",
  "/static/svg/floor-curl.svg",
  "/static/svg/floor-curl-stability-ball.svg",
  "/static/svg/lying-leg-curl.svg",
  "/static/svg/nordic-curl.svg",
  "/static/svg/seated-leg-curl.svg",
  "/static/svg/single-leg-curl.svg",
  "/static/svg/equipment/anchor.svg",
  "/static/svg/equipment/lying-curl-machine.svg",
  "/static/svg/equipment/mat.svg",
  "/static/svg/equipment/nordic-bench.svg",
  "/static/svg/equipment/partner.svg",
  "/static/svg/equipment/seated-curl-machine.svg",
  "/static/svg/equipment/sliders.svg",
  "/static/svg/equipment/stability-ball.svg",
  "/static/svg/equipment/standing-curl-machine.svg",
  "/static/svg/equipment/towel.svg",
];

const cacheable = (response) => response.ok && !response.redirected && response.type === "basic";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(STATIC); // all or nothing: a broken shell must not install
      // Pages are best effort: one may need a login (redirect) and is then cached on first visit.
      await Promise.all(
        PAGES.map(async (path) => {
          try {
            const response = await fetch(path, { credentials: "same-origin" });
            if (cacheable(response)) await cache.put(path, response);
          } catch {
            // offline during install: cached when next visited
          }
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(`${BASE}-`) && n !== CACHE).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate" || PAGES.includes(url.pathname)) {
    event.respondWith(networkFirst(event, request));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(event, request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (cacheable(response)) await cache.put(request, response.clone());
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  const cached = await cache.match(request);
  try {
    if (!cached) return await network;
    // A slow network ("lie-fi") falls back to the cached page after a few seconds.
    const late = new Promise((resolve) => setTimeout(() => resolve(cached), NAV_TIMEOUT_MS));
    return await Promise.race([network, late]);
  } catch {
    return (
      cached ??
      (await cache.match(request, { ignoreSearch: true })) ??
      (await cache.match("/today")) ??
      new Response(
        "<!doctype html><html lang=en><meta charset=utf-8><title>Offline</title>" +
          "<p>You are offline and this page has not been saved on this device yet.</p></html>",
        { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
      )
    );
  }
}

// Background Sync (Chromium): ask an open page to flush the offline queue; the page owns the
// queue logic. Rejecting makes the browser try again later while sets are still pending.
self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(askPageToSync());
});

async function askPageToSync() {
  const [client] = await self.clients.matchAll({ type: "window" });
  if (!client) return; // no page open: the next page load syncs
  const reply = await new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 30000);
    channel.port1.onmessage = (message) => {
      clearTimeout(timer);
      resolve(message.data);
    };
    client.postMessage({ type: SYNC_TAG }, [channel.port2]);
  });
  if (!reply || reply.pending > 0) throw new Error("sets still waiting to sync");
}

// On logout the page can post {type: "hamcoach-clear-pages"} so no personal page stays cached.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "hamcoach-clear-pages") return;
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      for (const request of await cache.keys()) {
        if (!new URL(request.url).pathname.startsWith("/static/")) await cache.delete(request);
      }
    }),
  );
});
