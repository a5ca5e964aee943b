// The page entry point and the only script a page includes, as <script type="module">.
// Registers the service worker, starts offline sync, and mounts every component: an element with
// data-component="name" gets COMPONENTS[name](element) once (see the header of each module for
// the markup it expects). Modules never mount themselves.

import { mountGuided } from "./guided.js";
import { mountHistory } from "./history.js";
import { installAutoSync } from "./offline-queue.js";
import { mountRestTimer } from "./rest-timer.js";
import { mountQueueStatus, mountRejectedList, mountSetForm } from "./set-form.js";
import { mountRunUpload } from "./settings.js";
import { mountSignOut } from "./sign-out.js";
import { mountStepper } from "./stepper.js";
import { unlockAudio } from "./sound.js";
import { mountTempo } from "./tempo.js";
import { mountTimezone } from "./timezone.js";
import { mountVideoAngle } from "./video-angle.js";
import { mountWeekMove } from "./week-move.js";

export const COMPONENTS = {
  guided: mountGuided,
  history: mountHistory,
  "queue-rejected": mountRejectedList,
  "queue-status": mountQueueStatus,
  "rest-timer": mountRestTimer,
  "run-upload": mountRunUpload,
  "set-form": mountSetForm,
  "sign-out": mountSignOut,
  stepper: mountStepper,
  tempo: mountTempo,
  timezone: mountTimezone,
  "video-angle": mountVideoAngle,
  "week-move": mountWeekMove,
};

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

const alreadyMounted = new WeakSet();

/** Mount each [data-component] under root not mounted yet, in document order. Answers what each
 * mount returned, by component name (`restTimers` and `tempos` too, which the test page reads). */
export function mountAll(root = document) {
  const mounted = Object.fromEntries(Object.keys(COMPONENTS).map((name) => [name, []]));
  for (const element of root.querySelectorAll("[data-component]")) {
    if (alreadyMounted.has(element)) continue;
    alreadyMounted.add(element);
    const name = element.dataset.component;
    const mount = Object.hasOwn(COMPONENTS, name) ? COMPONENTS[name] : null;
    if (mount) mounted[name].push(mount(element));
    else console.warn(`hamcoach: no component named "${name}"`, element);
  }
  return { restTimers: mounted["rest-timer"], tempos: mounted.tempo, mounted };
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
