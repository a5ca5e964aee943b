// The set logger and the queue's status, wired to offline-queue.js.
//
// <form data-set-form data-exercise="nordic-curl" data-rest-seconds="90"> with fields named
//   reps (required), and optionally load, side, rir, variant, exercise (a field wins over data-*).
//   On submit the set goes to the offline queue (never lost offline), [data-set-form-status] inside
//   the form says so, and the document gets "hamcoach:set-logged" {detail: {set, rest_seconds}}.
// [data-queue-status]    text such as "2 sets waiting to sync"; data-pending="N" on the element
// [data-queue-rejected]  list of sets the server refused, each with its message and a Dismiss button

import { dismissRejected, enqueueSet, onQueueChange } from "./offline-queue.js";
import { unlockAudio } from "./sound.js";

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
    load: numberOrNull(field("load"), Number.parseFloat),
    rir: numberOrNull(field("rir"), Number),
  };
}

export function mountSetForm(form) {
  const status = form.querySelector("[data-set-form-status]");
  const say = (text) => {
    if (status) status.textContent = text;
  };
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
    const restSeconds = Number(form.dataset.restSeconds) || undefined;
    document.dispatchEvent(
      new CustomEvent("hamcoach:set-logged", { detail: { set, rest_seconds: restSeconds } }),
    );
  });
}

export function queueStatusText({ pending, syncing }) {
  if (pending === 0) return "All sets synced.";
  const sets = `${pending} set${pending === 1 ? "" : "s"}`;
  return syncing ? `Syncing ${sets}…` : `${sets} waiting to sync.`;
}

export function mountQueueStatus(element) {
  return onQueueChange((summary) => {
    element.dataset.pending = String(summary.pending);
    element.textContent = queueStatusText(summary);
  });
}

export function mountRejectedList(container) {
  return onQueueChange(({ rejected }) => {
    container.hidden = rejected.length === 0;
    const list = document.createElement("ul");
    list.className = "rejected-list stack";
    for (const item of rejected) {
      const li = document.createElement("li");
      li.className = "notice notice--error";
      li.dataset.setId = item.id;
      const title = document.createElement("strong");
      const exercise = item.set.exercise.replaceAll("-", " ");
      title.textContent = `${exercise}, ${item.set.reps} reps: not saved. `;
      const message = document.createElement("span");
      message.dataset.rejectedMessage = "";
      message.textContent = item.detail;
      const dismiss = document.createElement("button");
      dismiss.type = "button";
      dismiss.textContent = "Dismiss";
      dismiss.setAttribute("aria-label", `Dismiss the refused ${item.set.exercise} set`);
      dismiss.addEventListener("click", () => dismissRejected(item.id));
      li.append(title, message, " ", dismiss);
      list.append(li);
    }
    container.replaceChildren(list);
  });
}
