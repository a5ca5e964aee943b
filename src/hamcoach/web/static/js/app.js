// Page entry point: <script type="module" src="/static/js/app.js"></script> on every page.
// Registers the service worker, starts offline sync, and mounts each component found by its data
// attribute (see the header of each module for the markup it expects).

import { installAutoSync } from "./offline-queue.js";
import { mountRestTimer } from "./rest-timer.js";
import { mountQueueStatus, mountRejectedList, mountSetForm } from "./set-form.js";
import { unlockAudio } from "./sound.js";
import { mountTempo } from "./tempo.js";

/**
 * Register /sw.js (scope /) unless the page opts out with <body data-no-sw>. The server should put
 * a hash of the static files in <body data-sw-version="...">: a new value installs a new worker
 * with a fresh cache, so a deploy never leaves old CSS/JS behind.
 */
export async function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || document.body.hasAttribute("data-no-sw")) return null;
  const version = document.body.dataset.swVersion;
  const url = version ? `/sw.js?v=${encodeURIComponent(version)}` : "/sw.js";
  try {
    return await navigator.serviceWorker.register(url, { scope: "/" });
  } catch (error) {
    console.warn("hamcoach: service worker not registered:", error);
    return null;
  }
}

export function mountAll(root = document) {
  const found = {
    restTimers: [...root.querySelectorAll("[data-rest-timer]")].map((el) => mountRestTimer(el)),
    tempos: [...root.querySelectorAll("[data-tempo]")].map((el) => mountTempo(el)),
  };
  root.querySelectorAll("form[data-set-form]").forEach(mountSetForm);
  root.querySelectorAll("[data-queue-status]").forEach(mountQueueStatus);
  root.querySelectorAll("[data-queue-rejected]").forEach(mountRejectedList);
  return found;
}

// The first tap or key press unlocks audio, so the rest timer's end beep can be scheduled in time.
function unlockOnGesture() {
  unlockAudio();
  document.removeEventListener("click", unlockOnGesture, true);
  document.removeEventListener("keydown", unlockOnGesture, true);
}
document.addEventListener("click", unlockOnGesture, true);
document.addEventListener("keydown", unlockOnGesture, true);

export const ready = (async () => {
  const mounted = mountAll();
  installAutoSync();
  const registration = await registerServiceWorker();
  document.documentElement.dataset.appReady = "true";
  return { ...mounted, registration };
})();
