// History page: edit a set in place (PATCH), delete it (DELETE) with an undo that puts the very
// same set back (POST /api/v1/sets/restore: same id, number, targets and time; safe to retry).
//
// Markup: [data-component="history"] holding li[data-set-row data-set=JSON] with
// form[data-edit-set=id] and button[data-delete-set=id]; one [data-undo] bar with
// [data-undo-text] and [data-undo-button]; [data-history-status].

import { api } from "./api.js";
import { parseDecimal } from "./stepper.js";

function summary(set) {
  return `${set.reps} reps` + (set.load === null ? "" : ` × ${set.load} ${set.unit}`);
}

export function mountHistory(root) {
  const status = root.querySelector("[data-history-status]");
  const undoBar = root.querySelector("[data-undo]");
  let lastDeleted = null;

  const say = (text) => {
    if (status) status.textContent = text;
  };

  for (const form of root.querySelectorAll("form[data-edit-set]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const load = data.get("load");
      try {
        const updated = await api(`/api/v1/sets/${form.dataset.editSet}`, {
          method: "PATCH",
          body: { reps: Number(data.get("reps")), load: load === null ? null : parseDecimal(String(load)) },
        });
        const row = form.closest("[data-set-row]");
        row.querySelector("[data-set-summary]").textContent = summary(updated);
        row.dataset.set = JSON.stringify(updated);
        form.closest("details").open = false;
        say("Set updated.");
      } catch (error) {
        say(`Not saved: ${error.message}`);
      }
    });
  }

  for (const button of root.querySelectorAll("[data-delete-set]")) {
    button.addEventListener("click", async () => {
      const row = button.closest("[data-set-row]");
      try {
        const deleted = await api(`/api/v1/sets/${button.dataset.deleteSet}`, { method: "DELETE" });
        row.hidden = true;
        lastDeleted = { set: deleted, row };
        // The page names the exercise (the API answers its slug).
        const name = row.dataset.exerciseName || deleted.exercise;
        undoBar.querySelector("[data-undo-text]").textContent = `Deleted ${name}, set ${deleted.set_number}.`;
        undoBar.hidden = false;
        undoBar.querySelector("[data-undo-button]").focus();
      } catch (error) {
        say(`Not deleted: ${error.message}`);
      }
    });
  }

  undoBar?.querySelector("[data-undo-button]").addEventListener("click", async () => {
    if (!lastDeleted) return;
    const { set, row } = lastDeleted;
    try {
      await api("/api/v1/sets/restore", { method: "POST", body: set });
      row.hidden = false;
      undoBar.hidden = true;
      lastDeleted = null;
      say("Set restored.");
      row.querySelector("summary")?.focus();
    } catch (error) {
      say(`Could not undo: ${error.message}`);
    }
  });
}
