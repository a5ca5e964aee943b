// The set logger and the queue's status, wired to offline-queue.js.
//
// <form data-component="set-form" data-exercise="nordic-curl" data-rest-seconds="90"> with fields
//   named reps (required), and optionally load, side, rir, variant, exercise (a field wins over
//   data-*).
//   On submit the set goes to the offline queue (never lost offline), [data-set-form-status] inside
//   the form says so, and the document gets "hamcoach:set-logged" {detail: {set, form,
//   rest_seconds}}.
//   If the server then refuses the set, the status says so and points to the list below.
// data-component="queue-status"    text such as "2 sets waiting to sync" (empty until there was
//                                  something to sync); data-pending="N", data-rejected="N"
// data-component="queue-rejected"  sets the server refused, each with its message, Fix and
//                                  Discard (refused-sets.js)

import { enqueueSet, onQueueChange } from "./offline-queue.js";
import { mountRefusedSets, plainMessage } from "./refused-sets.js";
import { unlockAudio } from "./sound.js";
import { parseDecimal } from "./stepper.js";

export { mountRefusedSets as mountRejectedList };

const blankToNull = (value) => (value === null || String(value).trim() === "" ? null : String(value));

function numberOrNull(value, parse) {
  const text = blankToNull(value);
  if (text === null) return null;
  const n = parse(text.replace(",", "."));
  return Number.isFinite(n) ? n : NaN;
}

/** Read the set from the form's fields and data attributes. */
export function readSetForm(form) {
  const data = new FormData(form);
  const field = (name) => (data.has(name) ? data.get(name) : form.dataset[name] ?? null);
  return {
    exercise: blankToNull(field("exercise")),
    variant: blankToNull(field("variant")),
    side: blankToNull(field("side")),
    reps: numberOrNull(field("reps"), Number),
    load: numberOrNull(field("load"), parseDecimal),
    rir: numberOrNull(field("rir"), Number),
    note: blankToNull(field("note")),
    // warmup, working, drop or failure; the server counts only working and failure sets.
    kind: blankToNull(field("kind")) ?? "working",
    // Floor curl: a ticked box is a yes; unticked is "not said", never a no the athlete gave.
    hips_up: form.querySelector('[name="hips_up"]') ? data.get("hips_up") === "true" || null : null,
  };
}

export function mountSetForm(form) {
  const status = form.querySelector("[data-set-form-status]");
  const say = (text) => {
    if (status) status.textContent = text;
  };
  let stopWatching = () => {};
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    unlockAudio(); // the submit is a user gesture: lets the rest timer beep later
    let set;
    try {
      set = await enqueueSet(readSetForm(form));
    } catch (error) {
      say(`Not saved: ${error.message}`);
      return;
    }
    say(navigator.onLine ? "Set saved." : "Set saved on this phone; it will sync when you are online.");
    stopWatching();
    stopWatching = watchRefusal(set.id, (record) =>
      say(`Not saved: ${plainMessage(record.detail)} Fix or discard it under "Sets not saved yet" at the top.`),
    );
    const restSeconds = Number(form.dataset.restSeconds) || undefined;
    document.dispatchEvent(
      new CustomEvent("hamcoach:set-logged", { detail: { set, form, rest_seconds: restSeconds } }),
    );
  });
}

/** Call onRefused(record) if the set with this id lands among the refused ones; stops once the
 * set has left the queue either way. Answers a function that stops watching. */
function watchRefusal(id, onRefused) {
  let stop = () => {};
  let done = false;
  const finish = () => {
    done = true;
    stop();
  };
  stop = onQueueChange(({ pending, rejected }) => {
    if (done) return;
    const record = rejected.find((r) => r.id === id);
    if (record) {
      onRefused(record);
      finish();
    } else if (pending === 0) {
      finish();
    }
  });
  if (done) stop();
  return finish;
}

export function queueStatusText({ pending, syncing, rejected = [] }) {
  const refused = rejected.length;
  const notSaved = refused ? `${refused} set${refused === 1 ? "" : "s"} not saved: see "Sets not saved yet" at the top.` : "";
  if (pending === 0) return notSaved || "All sets synced.";
  const sets = `${pending} set${pending === 1 ? "" : "s"}`;
  const waiting = syncing ? `Syncing ${sets}…` : `${sets} waiting to sync.`;
  return notSaved ? `${waiting} ${notSaved}` : waiting;
}

export function mountQueueStatus(element) {
  // "All sets synced." only once there was something to sync on this page.
  let hadWork = false;
  return onQueueChange((summary) => {
    element.dataset.pending = String(summary.pending);
    element.dataset.rejected = String(summary.rejected.length);
    if (summary.pending > 0 || summary.syncing) hadWork = true;
    const idle = summary.pending === 0 && summary.rejected.length === 0 && !hadWork;
    element.textContent = idle ? "" : queueStatusText(summary);
  });
}
