// Settings page: upload run files to POST /api/v1/runs/import and say what happened.
//
// Markup: form[data-run-upload] with a file input named "files" and [data-run-upload-status].

for (const form of document.querySelectorAll("form[data-run-upload]")) {
  const status = form.querySelector("[data-run-upload-status]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "Importing…";
    try {
      const response = await fetch("/api/v1/runs/import", { method: "POST", body: new FormData(form) });
      const data = await response.json();
      if (!response.ok) {
        status.textContent = `Nothing imported: ${data.detail ?? `HTTP ${response.status}`}`;
        return;
      }
      const week = data.typical_week?.week ? ` Your usual week now reads: ${data.typical_week.week}.` : "";
      status.textContent = `Imported ${data.stored} run${data.stored === 1 ? "" : "s"}` +
        (data.duplicates ? ` (${data.duplicates} already here)` : "") + `.${week}`;
      form.reset();
    } catch (error) {
      status.textContent = `Nothing imported: ${error.message}`;
    }
  });
}
