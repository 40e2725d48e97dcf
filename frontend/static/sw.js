// Varig service worker: keeps the app shell so the PWA opens without a network.
// build.sh replaces __VERSION__ with a hash of the shell, so each build gets its own cache
// and the old one is removed when the new worker activates.
const VERSION = '__VERSION__';
const CACHE = `varig-shell-${VERSION}`;
const NAVIGATION_TIMEOUT_MS = 4000;
const SHELL = [
  '/index.html',
  `/boot.js?v=${VERSION}`,
  `/varig_frontend.js?v=${VERSION}`,
  `/varig_frontend_bg.wasm?v=${VERSION}`,
  `/style.css?v=${VERSION}`,
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith('varig-shell-') && key !== CACHE).map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The API is never cached here: the app decides what to keep for offline use.
  if (url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }

  // Shell assets: cache first (their URLs carry the version), then the network.
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request)),
  );
});

// Network first, so a new build is picked up; the cached shell when offline, or when the
// network has not answered within a few seconds (weak coverage).
function navigation(request) {
  const shell = () => caches.match('/index.html', { cacheName: CACHE });
  const network = fetch(request);
  const fallback = network.catch(() => shell().then((cached) => cached || Response.error()));
  const slow = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS))
    .then(shell)
    .then((cached) => cached || fallback);
  return Promise.race([fallback, slow]);
}
