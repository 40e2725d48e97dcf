// Starts the wasm app and registers the service worker that keeps the shell offline.
import init from '/varig_frontend.js?v=__VERSION__';

init({ module_or_path: '/varig_frontend_bg.wasm?v=__VERSION__' });

if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err) => {
      console.warn('Varig: service worker not registered', err);
    });
  });
}
