// The service worker of an installable site (written by hooks/webapp.py from kb/webapp/worker.js).
// At install it keeps a copy of every page, the search index and the tools; it answers from that
// copy first, so the site opens with no network. Each build has its own VERSION: a changed site
// is fetched in the background and used from the next visit on. Other origins are never touched.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const SCOPE = new URL("./", self.location).href;
const CACHE = `${SCOPE} ${VERSION}`; // per site path: projects on one origin share the cache storage
const NOT_FOUND = "404.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(`${SCOPE} `) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return; // the browser handles it alone
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then(
        (kept) =>
          kept ||
          fetch(request).catch(() =>
            request.mode === "navigate" ? cache.match(NOT_FOUND).then((page) => page || Response.error()) : Response.error(),
          ),
      ),
    ),
  );
});
