// Settings page: upload run files to POST /api/v1/runs/import and say what happened.
//
// Markup: form[data-component="run-upload"] with a file input named "files",
// [data-run-upload-status] and [data-run-upload-notes] (a list: each file's skipped activities
// and warnings, with the reason).

import { api } from "./api.js";

export function mountRunUpload(form) {
  const status = form.querySelector("[data-run-upload-status]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "Importing…";
    try {
      const data = await api("/api/v1/runs/import", { method: "POST", body: new FormData(form) });
      const week = data.typical_week?.week ? ` Your usual week now reads: ${data.typical_week.week}.` : "";
      status.textContent = `Imported ${data.stored} run${data.stored === 1 ? "" : "s"}` +
        (data.duplicates ? ` (${data.duplicates} already here)` : "") + `.${week}`;
      const notes = form.querySelector("[data-run-upload-notes]");
      notes?.replaceChildren(
        ...data.files.flatMap((file) =>
          [
            ...(file.skipped ?? []).map((why) => `${file.file}: not imported, ${why}`),
            ...(file.warnings ?? []).map((why) => `${file.file}: imported, but ${why}`),
          ].map((text) => {
            const li = document.createElement("li");
            li.textContent = text;
            return li;
          }),
        ),
      );
      form.reset();
    } catch (error) {
      status.textContent = `Nothing imported: ${error.message}`;
    }
  });
}
