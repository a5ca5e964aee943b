// Guided session: one exercise at a time, a set counter per exercise, and a summary with the
// next targets once the session is finished.
//
// Markup (see templates/today.html): [data-component="guided" data-session-date] holding sections
// [data-guided-step data-target-sets] with [data-guided-count], [data-guided-next],
// [data-guided-prev]; a [data-guided-summary] with [data-guided-next-targets]; and
// [data-guided-progress]. Set forms inside a step send "hamcoach:set-logged" (set-form.js).

import { ApiError, api } from "./api.js";
import { onQueueChange, pendingCount, rejectedSets, syncNow } from "./offline-queue.js";

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function mountGuided(root) {
  const steps = [...root.querySelectorAll("[data-guided-step]")];
  const progress = root.querySelector("[data-guided-progress]");
  const summary = root.querySelector("[data-guided-summary]");
  const counts = steps.map(() => 0);
  let current = 0;

  function show(index) {
    current = index;
    steps.forEach((step, i) => {
      step.hidden = i !== index;
    });
    if (summary) summary.hidden = true;
    if (progress) progress.textContent = `Exercise ${index + 1} of ${steps.length}`;
    const heading = steps[index].querySelector("h2");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  async function finish({ again = false } = {}) {
    steps.forEach((step) => {
      step.hidden = true;
    });
    if (progress) progress.textContent = "Session finished";
    summary.hidden = false;
    if (!again) summary.focus(); // a second run (after a fix) must not take the focus away
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
      text.textContent =
        error instanceof ApiError
          ? error.message
          : "Well done. You are offline: the next targets appear once you reconnect.";
    }
  }

  steps.forEach((step, index) => {
    const target = Number(step.dataset.targetSets || "3");
    const counter = step.querySelector("[data-guided-count]");
    step.addEventListener("hamcoach:set-logged", () => {
      counts[index] += 1;
      const done = counts[index];
      counter.textContent =
        done >= target
          ? `${plural(done, "set")} logged: target reached. Go on when you have rested.`
          : `${done} of ${plural(target, "set")} logged`;
    });
    step.querySelector("[data-guided-next]")?.addEventListener("click", () => {
      if (index + 1 < steps.length) show(index + 1);
      else void finish();
    });
    step.querySelector("[data-guided-prev]")?.addEventListener("click", () => show(index - 1));
  });

  // set-form.js dispatches on the document; route each event to the step whose form sent it.
  document.addEventListener("hamcoach:set-logged", (event) => {
    const source = event.detail?.form;
    const step = source?.closest?.("[data-guided-step]") ?? steps[current];
    if (event.target === document && step) {
      step.dispatchEvent(new CustomEvent("hamcoach:set-logged", { detail: event.detail }));
    }
  });
  return { show, finish, counts };
}

/** "Done in 34 min: 6 sets, 68 reps, 2450 kg lifted." and each exercise against its target. */
function showSummary(root, summary) {
  if (!summary) return;
  const stats = root.querySelector("[data-guided-summary-stats]");
  const list = root.querySelector("[data-guided-summary-exercises]");
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
        e.target_sets === null ? `${e.name}: ${e.sets} sets` : `${e.name}: ${e.sets} of ${e.target_sets} sets`;
      return li;
    }),
  );
}
