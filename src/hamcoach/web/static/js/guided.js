// Guided session: one exercise at a time, where the session stands (from the server on load, kept
// up to date as sets are logged here or elsewhere), and a summary once it is finished; a session
// finished without sets asks to be marked skipped.
//
// Markup (see templates/today.html): [data-component="guided" data-session-date data-current]
// holding sections [data-guided-step data-target-sets data-done] with set forms
// [data-set-form data-done data-target data-last] (their [data-set-line] says "Set 2 of 3 · last:
// 12 × 40 kg"), [data-guided-count], [data-guided-next], [data-guided-prev]; a
// [data-guided-summary] with [data-guided-next-targets]; a [data-guided-skip] prompt; and
// [data-guided-progress]. Set forms send "hamcoach:set-logged" (set-form.js); the end of the
// session sends "hamcoach:session-ended" (the rest timer stops on it).

import { ApiError, api } from "./api.js";
import { onQueueChange, pendingCount, pendingSets, rejectedSets, syncNow } from "./offline-queue.js";

const WORK_KINDS = new Set(["working", "failure"]);

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "Set 2 of 3 · last: 11 × 40 kg" for a form that has `done` of `target` sets. */
export function setLine(done, target, last) {
  const head = done >= target ? `${target} of ${target} sets done` : `Set ${done + 1} of ${target}`;
  if (!last.length) return `${head} · first time`;
  return `${head} · last: ${last[Math.min(done + 1, last.length) - 1]}`;
}

/** "Exercise 2 of 3, set 1 of 3 (right leg)" for step `index` whose legs have done `done`. */
export function progressText(index, count, legs) {
  const lagging = legs.reduce((a, b) => (b.done < a.done ? b : a));
  const target = lagging.target;
  const leg = lagging.side ? ` (${lagging.side} leg)` : "";
  return `Exercise ${index + 1} of ${count}, set ${Math.min(lagging.done + 1, target)} of ${target}${leg}`;
}

export function mountGuided(root) {
  const steps = [...root.querySelectorAll("[data-guided-step]")];
  const progress = root.querySelector("[data-guided-progress]");
  const summary = root.querySelector("[data-guided-summary]");
  const skipBox = root.querySelector("[data-guided-skip]");
  const legsOf = (step) =>
    [...step.querySelectorAll("[data-set-form]")].map((form) => ({
      form,
      side: form.querySelector('[name="side"]')?.value ?? null,
      done: Number(form.dataset.done || "0"),
      target: Number(form.dataset.target || "3"),
      last: JSON.parse(form.dataset.last || "[]"),
    }));
  // A skipped or finished session keeps the server's words until the athlete goes back to it.
  let settled = root.dataset.status === "skipped" || root.dataset.finished === "true";
  let current = Math.min(Number(root.dataset.current || "0"), Math.max(0, steps.length - 1));

  const complete = (step) => legsOf(step).every((l) => l.done >= l.target);

  /** Show the logger of `side` (a per-leg step shows one leg's form at a time). */
  function showLeg(step, side) {
    const legs = legsOf(step);
    if (legs.length < 2) return;
    for (const l of legs) l.form.hidden = l.side !== side;
    step.querySelectorAll("[data-leg]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.leg === side));
    });
  }

  /** The leg that is behind (left on a tie): the one to log next. */
  const laggingLeg = (step) => legsOf(step).reduce((a, b) => (b.done < a.done ? b : a)).side;

  function render(step, index) {
    const legs = legsOf(step);
    for (const l of legs) {
      const line = l.form.querySelector("[data-set-line]");
      if (line) line.textContent = setLine(l.done, l.target, l.last);
    }
    const done = legs.reduce((n, l) => n + l.done, 0);
    const target = Number(step.dataset.targetSets || "3");
    step.dataset.done = String(done);
    const counter = step.querySelector("[data-guided-count]");
    if (counter) {
      counter.textContent =
        done >= target
          ? `${plural(done, "set")} logged: target reached. Go on when you have rested.`
          : `${done} of ${plural(target, "set")} logged`;
    }
    if (index === current && progress && !step.hidden && !settled) {
      progress.textContent = steps.every(complete)
        ? steps.length === 1
          ? "The exercise is done"
          : `All ${steps.length} exercises done`
        : complete(step)
          ? `Exercise ${index + 1} of ${steps.length}: target reached`
          : progressText(index, steps.length, legs);
    }
  }

  function show(index, { focus = true } = {}) {
    current = index;
    settled = false;
    steps.forEach((step, i) => {
      step.hidden = i !== index;
    });
    if (summary) summary.hidden = true;
    if (skipBox) skipBox.hidden = true;
    render(steps[index], index);
    const heading = steps[index].querySelector("h2");
    if (heading && focus) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  function ended() {
    document.dispatchEvent(new CustomEvent("hamcoach:session-ended"));
  }

  function askToSkip() {
    steps.forEach((step) => {
      step.hidden = true;
    });
    summary.hidden = true;
    skipBox.hidden = false;
    if (progress) progress.textContent = "No sets logged";
    skipBox.focus();
  }

  async function skip() {
    const text = skipBox.querySelector("[data-guided-skip-text]");
    try {
      await api(`/api/v1/sessions/${root.dataset.sessionDate}/skip`, {
        method: "POST",
        fallback: "Could not mark the session skipped.",
      });
      text.textContent = "Marked as skipped. The plan goes on with the next session.";
      skipBox.querySelector("[data-guided-skip-yes]").hidden = true;
      if (progress) progress.textContent = "You marked this session skipped.";
      ended();
    } catch (error) {
      text.textContent =
        error instanceof ApiError ? error.message : "You are offline: try again once you reconnect.";
    }
  }

  async function finish({ again = false } = {}) {
    steps.forEach((step) => {
      step.hidden = true;
    });
    if (progress) progress.textContent = "Session finished";
    summary.hidden = false;
    if (!again) summary.focus(); // a second run (after a fix) must not take the focus away
    ended();
    const list = summary.querySelector("[data-guided-next-targets]");
    const text = summary.querySelector("[data-guided-summary-text]");
    await syncNow();
    if ((await pendingCount()) > 0) {
      text.textContent = "Well done. Your sets are saved on this phone and will sync when you are online; the next targets follow then.";
      return;
    }
    const date = root.dataset.sessionDate;
    // A refused set of this session would be left out of the targets: have it fixed first.
    const ofThisSession = (rejected) => rejected.filter((r) => String(r.set.performed_at).startsWith(date));
    const refused = ofThisSession(await rejectedSets());
    if (refused.length > 0) {
      const sets = refused.length === 1 ? "1 set was" : `${refused.length} sets were`;
      const them = refused.length === 1 ? "it" : "them";
      text.textContent = `Well done. ${sets} not saved: fix or discard ${them} under "Sets not saved yet"; your next targets follow here then.`;
      let waiting = true;
      const stop = onQueueChange((queue) => {
        if (!waiting || queue.pending > 0 || ofThisSession(queue.rejected).length > 0) return;
        waiting = false;
        stop();
        void finish({ again: true });
      });
      return;
    }
    try {
      const data = await api(`/api/v1/sessions/${date}/finish`, {
        method: "POST",
        body: { note: null },
        fallback: "Could not finish the session.",
      });
      showSummary(root, data.summary);
      text.textContent = "Well done. Your next targets:"; // may have said "not saved" before
      list.replaceChildren(
        ...Object.entries(data.next_targets).map(([slug, t]) => {
          const li = document.createElement("li");
          const load = t.side_loads
            ? Object.entries(t.side_loads).map(([side, value]) => `${side} ${value}`).join(", ")
            : t.load;
          li.textContent = `${t.name ?? slug}: ${load} ${t.unit} (${t.reason})`;
          return li;
        }),
      );
      const extra = document.createElement("li");
      extra.textContent =
        `Nordic: ramp-in week ${data.nordic_ramp_week} of ${data.nordic_ramp_weeks}` +
        (data.nordic_full_dose ? " (full dose)" : "");
      list.append(extra);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        askToSkip(); // no working set on the server (none logged, only warm-ups, or deleted)
        return;
      }
      text.textContent =
        error instanceof ApiError
          ? error.message
          : "Well done. You are offline: the next targets appear once you reconnect.";
    }
  }

  steps.forEach((step, index) => {
    showLeg(step, laggingLeg(step));
    step.querySelectorAll("[data-leg]").forEach((button) =>
      button.addEventListener("click", () => showLeg(step, button.dataset.leg)),
    );
    step.addEventListener("hamcoach:set-logged", (event) => {
      const set = event.detail?.set;
      const form = event.detail?.form;
      if (set && !WORK_KINDS.has(set.kind ?? "working")) return; // warm-ups are not the target's
      const target = form?.dataset?.done !== undefined ? form : step.querySelector("[data-set-form]");
      if (target) target.dataset.done = String(Number(target.dataset.done || "0") + 1);
      showLeg(step, laggingLeg(step)); // left, right, left, ...: the other leg's turn
      render(step, index);
    });
    step.querySelector("[data-guided-next]")?.addEventListener("click", () => {
      if (index + 1 < steps.length) show(index + 1);
      else void finish();
    });
    step.querySelector("[data-guided-prev]")?.addEventListener("click", () => show(index - 1));
  });
  skipBox?.querySelector("[data-guided-skip-yes]")?.addEventListener("click", () => void skip());
  skipBox?.querySelector("[data-guided-skip-no]")?.addEventListener("click", () => show(current));
  root.querySelector("[data-guided-more]")?.addEventListener("click", () => show(current));

  // set-form.js dispatches on the document; route each event to the step whose form sent it.
  document.addEventListener("hamcoach:set-logged", (event) => {
    const source = event.detail?.form;
    const step = source?.closest?.("[data-guided-step]") ?? steps[current];
    if (event.target === document && step) {
      step.dispatchEvent(new CustomEvent("hamcoach:set-logged", { detail: event.detail }));
    }
  });

  // Records: each set logged on this page is looked up once the server has it (after it
  // synced), and a record it set is announced once.
  const recordNote = root.querySelector("[data-guided-record]");
  const loggedHere = new Set();
  const announced = new Set();
  const recordId = (r) => [r.kind, r.exercise, r.variant, r.stance, r.side, r.at_load, r.set_id].join("|");
  async function checkRecords() {
    let data;
    try {
      data = await api(`/api/v1/records?date=${root.dataset.sessionDate}`, { fallback: "" });
    } catch {
      return; // offline: the records come with the next sync
    }
    const fresh = data.set_on.filter((r) => loggedHere.has(r.set_id) && !announced.has(recordId(r)));
    fresh.forEach((r) => announced.add(recordId(r)));
    if (fresh.length && recordNote) {
      recordNote.textContent = fresh.map((r) => `New record! ${r.text}.`).join(" ");
      recordNote.hidden = false;
    }
  }
  // Looked up once a set has left the queue (the server has it, or refused it): the queue's
  // notices can arrive late, so the queue itself is read, not the count a notice carried.
  const unchecked = new Set();
  async function recordsAfterSync() {
    if (!unchecked.size) return;
    const queued = new Set((await pendingSets()).map((set) => set.id));
    const left = [...unchecked].filter((id) => !queued.has(id));
    if (!left.length) return;
    left.forEach((id) => unchecked.delete(id));
    await checkRecords();
  }
  document.addEventListener("hamcoach:set-logged", (event) => {
    // The session has begun: the soreness question makes room for the logger (as the server
    // folds it on the next load).
    const soreness = document.querySelector("[data-soreness-check]");
    if (soreness) soreness.hidden = true;
    const id = event.detail?.set?.id;
    if (!id) return;
    loggedHere.add(id);
    unchecked.add(id);
    if (recordNote) recordNote.hidden = true;
    void recordsAfterSync(); // the set may have synced before this ran
  });
  onQueueChange(() => void recordsAfterSync());

  // Sets logged on another device or in the CLI: take the server's counts when the page is
  // looked at again.
  async function refresh() {
    if (root.dataset.isToday !== "true" || (await pendingCount()) > 0) return;
    let today;
    try {
      today = await api("/api/v1/today", { fallback: "" });
    } catch {
      return; // offline: keep what the page knows
    }
    if (today.date !== root.dataset.sessionDate) return;
    today.state.exercises.forEach((e, i) => {
      const step = steps[i];
      if (!step) return;
      for (const l of legsOf(step)) {
        const done = e.done[l.side ?? "both"];
        if (done !== undefined && done > l.done) l.form.dataset.done = String(done);
      }
      render(step, i);
    });
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void refresh();
  });
  if (steps.length) render(steps[current], current);
  return { show, finish, refresh };
}

/** "Done in 34 min: 6 sets, 68 reps, 2450 kg lifted." and each exercise against its target. */
function showSummary(root, summary) {
  if (!summary) return;
  const stats = root.querySelector("[data-guided-summary-stats]");
  const list = root.querySelector("[data-guided-summary-exercises]");
  const records = root.querySelector("[data-guided-summary-records]");
  if (stats) {
    const lifted = summary.volume > 0 ? `, ${Math.round(summary.volume)} ${summary.unit} lifted` : "";
    stats.textContent =
      `Done in ${summary.minutes} min: ${summary.sets} set${summary.sets === 1 ? "" : "s"}, ` +
      `${summary.reps} reps${lifted}.`;
  }
  list?.replaceChildren(
    ...summary.exercises.map((e) => {
      const li = document.createElement("li");
      li.textContent =
        e.text ??
        (e.target_sets === null ? `${e.name}: ${e.sets} sets` : `${e.name}: ${e.sets} of ${e.target_sets} sets`);
      return li;
    }),
  );
  records?.replaceChildren(
    ...(summary.records ?? []).map((r) => {
      const li = document.createElement("li");
      li.textContent = `New record: ${r.text}`;
      return li;
    }),
  );
}
