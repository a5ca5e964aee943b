// Sets the server refused ("needs attention"), shown to the athlete: what the set was, why it was
// refused in plain words, and two actions. Fix opens a small form (reps, load, note) and sends the
// set again with the same id (offline-queue.js resendRejected: exactly once); Discard removes it
// at once and offers Undo. Nothing technical is shown: no status codes, JSON or ids.
//
// Markup: an element with [data-component="queue-rejected"] (hidden while there is nothing to
// show); this module fills it. data-reps-max and data-note-max give the server's limits for the
// Fix form's fields. Rows are kept per set, so an open Fix form survives other queue changes.

import {
  discardRejected,
  onQueueChange,
  pendingSets,
  rejectedSets,
  resendRejected,
  restoreRejected,
  syncNow,
} from "./offline-queue.js";

// The catalogue's names; the page's [data-exercise-names] (from the server) replaces them.
const NAMES = {
  "lying-leg-curl": "Lying leg curl",
  "seated-leg-curl": "Seated leg curl",
  "nordic-curl": "Nordic hamstring curl",
  "single-leg-curl": "Single-leg curl",
  "floor-curl": "Floor hamstring curl",
};
const VARIANTS = { towel: "towel", sliders: "slider discs", "stability-ball": "stability ball" };
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

const exerciseName = (slug) => NAMES[slug] ?? capitalise(String(slug).replaceAll("-", " "));
const capitalise = (text) => (text ? text[0].toUpperCase() + text.slice(1) : text);
const formatNumber = (n) => String(Math.round(n * 100) / 100);

/** "Lying leg curl, left leg" */
export function setTitle(set) {
  let title = exerciseName(set.exercise);
  if (set.variant) title += ` (${VARIANTS[set.variant] ?? set.variant.replaceAll("-", " ")})`;
  if (set.side) title += `, ${set.side} leg`;
  return title;
}

/** "12 reps × 40 · today at 18:30" */
export function setSummary(set, now = new Date()) {
  let text = `${set.reps} rep${set.reps === 1 ? "" : "s"}`;
  if (set.load != null) text += ` × ${formatNumber(set.load)}`;
  const at = new Date(set.performed_at);
  if (!Number.isNaN(at.getTime())) {
    const time = at
      .toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
      .replace(/\s/g, "\u00a0"); // "08:50 AM" never breaks in two
    const sameDay = at.toDateString() === now.toDateString();
    const day = sameDay
      ? "today"
      : at.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
    text += ` · ${day} at ${time}`;
  }
  return text;
}

/** The server's message in plain words: no ids, no command-line or API asides, a full sentence. */
export function plainMessage(detail) {
  let text = String(detail ?? "").trim();
  if (/\bset id\b|\buuid\b/i.test(text)) return "This set clashes with one saved before.";
  text = text
    .replace(/\s*\([^()]*(?:\/api\/|--|HTTP|`)[^()]*\)/g, "") // "(e.g. --set 12x40)", "(HTTP 404)"
    .replace(UUID, "this set")
    .replace(/\b(\w+): Input should be\b/g, "$1 should be")
    .replace(/\b(\w+): String should have\b/g, "$1 should have")
    .replace(/\b(\w+): Field required\b/g, "$1 is missing")
    .replace(/\b[a-z]+(?:-[a-z]+)+\b/g, (slug) => (slug in NAMES ? NAMES[slug].toLowerCase() : slug))
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return "The server did not accept this set.";
  text = capitalise(text);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function element(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "className") el.className = value;
    else if (name === "text") el.textContent = value;
    else if (value === true) el.setAttribute(name, "");
    else if (value !== false && value != null) el.setAttribute(name, String(value));
  }
  el.append(...children);
  return el;
}

/** Reps, load and note from the Fix form, or {error} in plain words. */
function readFix(form) {
  const data = new FormData(form);
  const repsText = String(data.get("reps") ?? "").trim();
  const reps = Number(repsText);
  if (repsText === "" || !Number.isInteger(reps)) return { error: "Reps must be a whole number." };
  const loadText = String(data.get("load") ?? "").trim().replace(",", ".");
  const load = loadText === "" ? null : Number(loadText);
  if (load !== null && !Number.isFinite(load)) {
    return { error: "Load must be a number, like 42.5, or empty for body weight." };
  }
  const note = String(data.get("note") ?? "").trim();
  return { reps, load, note: note || null };
}

let mounted = 0;

/** A positive whole number from a data attribute, else null (the attribute is then left out). */
function limit(text) {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export function mountRefusedSets(container) {
  const key = `refused-${++mounted}`;
  const repsMax = limit(container.dataset.repsMax);
  const noteMax = limit(container.dataset.noteMax);
  try {
    Object.assign(NAMES, JSON.parse(container.dataset.exerciseNames || "{}"));
  } catch {
    // a page without the names keeps the built-in ones
  }
  container.classList.add("refused", "stack");
  container.tabIndex = -1; // focus lands here when the row that had it goes away
  if (container.tagName !== "SECTION") container.setAttribute("role", "region");
  container.removeAttribute("aria-label");
  container.setAttribute("aria-labelledby", `${key}-title`);
  const title = element("h2", { id: `${key}-title`, className: "refused__title", text: "Sets not saved yet" });
  const intro = element("p", {
    className: "refused__intro",
    text: "The app could not save these sets. Fix each one and send it again, or discard it.",
  });
  const list = element("ul", { className: "rejected-list stack" });
  const undoText = element("span", { "data-refused-undo-text": true });
  const undoButton = element("button", { type: "button", className: "btn", text: "Undo" });
  const undoBar = element("div", { className: "notice refused__undo cluster" }, undoText, undoButton);
  undoBar.hidden = true;
  const status = element("p", {
    className: "refused__status",
    "data-refused-status": true,
    role: "status",
    "aria-live": "polite",
  });
  container.replaceChildren(title, intro, list, undoBar, status);

  const rows = new Map(); // id -> {li, record}
  let lastDiscarded = null;

  const say = (text) => {
    status.textContent = text;
    update();
  };

  function update() {
    const any = rows.size > 0;
    title.hidden = !any;
    intro.hidden = !any;
    list.hidden = !any;
    container.hidden = !any && undoBar.hidden && status.textContent === "";
  }

  function makeRow(record) {
    const { id, set } = record;
    const base = `${key}-${id}`;
    const li = element("li", { className: "refused__item stack", "data-set-id": id });
    const heading = element(
      "p",
      { className: "refused__what" },
      element("strong", { text: setTitle(set) }),
      " ",
      element("span", { className: "refused__summary", text: setSummary(set) }),
    );
    const why = element("p", {
      className: "refused__why",
      "data-rejected-message": true,
      text: plainMessage(record.detail),
    });
    const name = setTitle(set);
    const fix = element("button", {
      type: "button",
      className: "btn btn-primary",
      "aria-expanded": "false",
      "aria-controls": `${base}-fix`,
      "aria-label": `Fix the ${name} set`,
      text: "Fix",
    });
    const discard = element("button", {
      type: "button",
      className: "btn",
      "aria-label": `Discard the ${name} set`,
      text: "Discard",
    });
    const actions = element("div", { className: "cluster refused__actions" }, fix, discard);

    const reps = element("input", {
      id: `${base}-reps`,
      name: "reps",
      type: "number",
      inputmode: "numeric",
      min: "1",
      max: repsMax,
      step: "1",
      required: true,
      className: "stepper",
      value: set.reps,
    });
    const load = element("input", {
      id: `${base}-load`,
      name: "load",
      type: "text",
      inputmode: "decimal",
      autocomplete: "off",
      className: "stepper",
      value: set.load == null ? "" : formatNumber(set.load),
    });
    const note = element("textarea", { id: `${base}-note`, name: "note", rows: "2", maxlength: noteMax });
    note.value = set.note ?? "";
    const hint = (text) => element("span", { className: "refused__hint", text });
    const error = element("p", { className: "refused__error", "data-refused-error": true, role: "alert" });
    const send = element("button", { type: "submit", className: "btn btn-primary", text: "Send again" });
    const cancel = element("button", { type: "button", className: "btn", text: "Cancel" });
    const form = element(
      "form",
      { id: `${base}-fix`, className: "refused__fix stack", "aria-label": `Fix the ${name} set` },
      element(
        "div",
        { className: "cluster refused__fields" },
        element("div", {}, element("label", { for: reps.id, text: "Reps" }), reps),
        element("div", {}, element("label", { for: load.id }, "Load ", hint("(empty for body weight)")), load),
      ),
      element("div", {}, element("label", { for: note.id }, "Note ", hint("(optional)")), note),
      error,
      element("div", { className: "cluster" }, send, cancel),
    );
    form.hidden = true;
    li.append(heading, why, actions, form);

    const open = (yes) => {
      form.hidden = !yes;
      fix.setAttribute("aria-expanded", String(yes));
      error.textContent = "";
      if (yes) {
        reps.focus({ preventScroll: true });
        form.scrollIntoView({ block: "nearest" }); // the whole form, Send again included
      }
    };
    fix.addEventListener("click", () => open(form.hidden));
    cancel.addEventListener("click", () => {
      open(false);
      fix.focus();
    });

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const changes = readFix(form);
      if (changes.error) {
        error.textContent = changes.error;
        return;
      }
      send.disabled = true; // one tap, one resend (resendRejected is also safe to repeat)
      let queued;
      try {
        queued = await resendRejected(id, changes);
      } catch {
        error.textContent = "Those values cannot be sent. Check reps and load.";
        send.disabled = false;
        return;
      }
      const what = queued ? `${setTitle(queued)}, ${setSummary(queued)}` : "";
      say(queued ? `Sending ${what}…` : "This set was already sent again.");
      container.focus();
      if (!queued) return;
      await syncNow();
      const refused = (await rejectedSets()).find((r) => r.id === id);
      if (refused) {
        say(`Still not saved: ${what}. ${plainMessage(refused.detail)}`);
        rows.get(id)?.li.querySelector("button")?.focus();
      } else if ((await pendingSets()).some((s) => s.id === id)) {
        say(`Saved on this phone: ${what}. It will be sent when you are online.`);
      } else {
        say(`Saved: ${what}.`);
      }
    });

    discard.addEventListener("click", async () => {
      const removed = await discardRejected(id);
      if (!removed) return;
      lastDiscarded = removed;
      undoText.textContent = `Discarded: ${setTitle(set)}, ${setSummary(set)}.`;
      undoBar.hidden = false;
      status.textContent = "";
      update();
      undoButton.focus();
    });
    return li;
  }

  undoButton.addEventListener("click", async () => {
    if (!lastDiscarded) return;
    const record = lastDiscarded;
    lastDiscarded = null;
    await restoreRejected(record);
    undoBar.hidden = true;
    say(`Put back: ${setTitle(record.set)}.`);
    rows.get(record.id)?.li.querySelector("button")?.focus();
  });

  return onQueueChange(({ rejected }) => {
    const seen = new Set();
    rejected.forEach((record, index) => {
      seen.add(record.id);
      let row = rows.get(record.id);
      if (row && row.record.rejected_at !== record.rejected_at) {
        row.li.remove(); // refused again: show the new message with a fresh form
        row = null;
      }
      if (!row) {
        row = { li: makeRow(record), record };
        rows.set(record.id, row);
      }
      // Move only what is out of place: moving a node would take the focus out of its form.
      if (list.children[index] !== row.li) list.insertBefore(row.li, list.children[index] ?? null);
    });
    for (const [id, row] of rows) {
      if (!seen.has(id)) {
        row.li.remove();
        rows.delete(id);
      }
    }
    update();
  });
}
