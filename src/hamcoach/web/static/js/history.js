// History page: edit a set in place (PATCH), delete it (DELETE) with an undo that puts the very
// same set back (POST /api/v1/sets/restore: same id, number, targets and time; safe to retry).
//
// Markup: li[data-set-row data-set=JSON] with form[data-edit-set=id] and button[data-delete-set=id];
// one [data-undo] bar with [data-undo-text] and [data-undo-button]; [data-history-status].

const status = document.querySelector("[data-history-status]");
const undoBar = document.querySelector("[data-undo]");
let lastDeleted = null;

const say = (text) => {
  if (status) status.textContent = text;
};

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.detail ?? `HTTP ${response.status}`);
  return data;
}

function summary(set) {
  return `${set.reps} reps` + (set.load === null ? "" : ` × ${set.load} ${set.unit}`);
}

for (const form of document.querySelectorAll("form[data-edit-set]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const load = data.get("load");
    try {
      const updated = await call("PATCH", `/api/v1/sets/${form.dataset.editSet}`, {
        reps: Number(data.get("reps")),
        load: load === null ? null : Number(load),
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

for (const button of document.querySelectorAll("[data-delete-set]")) {
  button.addEventListener("click", async () => {
    const row = button.closest("[data-set-row]");
    try {
      const deleted = await call("DELETE", `/api/v1/sets/${button.dataset.deleteSet}`);
      row.hidden = true;
      lastDeleted = { set: deleted, row };
      undoBar.querySelector("[data-undo-text]").textContent = `Deleted ${deleted.exercise} set ${deleted.set_number}.`;
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
    await call("POST", "/api/v1/sets/restore", set);
    row.hidden = false;
    undoBar.hidden = true;
    lastDeleted = null;
    say("Set restored.");
    row.querySelector("summary")?.focus();
  } catch (error) {
    say(`Could not undo: ${error.message}`);
  }
});
