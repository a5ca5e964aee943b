// Drag a planned session onto another day of the week page to move it (a laptop's way of
// tapping "Move" and a day; both post the same form to /week/move, so the server checks the
// move once and the page that comes back shows the new day and what it breaks).
//
// Markup: <table data-component="week-move"> whose rows carry data-day="YYYY-MM-DD"; a movable
// session is <div draggable="true" data-move-from="YYYY-MM-DD" data-move-targets="D1 D2 ...">.
// Only the listed days accept the drop (today or later, no session there, not race day).

export function mountWeekMove(table) {
  let dragged = null;
  const rows = () => [...table.querySelectorAll("tr[data-day]")];
  const clear = () => {
    for (const row of rows()) row.classList.remove("drop-ok", "drop-over");
  };
  const allowed = (row) =>
    dragged !== null && row && dragged.dataset.moveTargets.split(" ").includes(row.dataset.day);

  table.addEventListener("dragstart", (event) => {
    const source = event.target.closest?.("[data-move-from]");
    if (!source) return;
    dragged = source;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", source.dataset.moveFrom);
    for (const row of rows()) if (allowed(row)) row.classList.add("drop-ok");
  });
  table.addEventListener("dragend", () => {
    dragged = null;
    clear();
  });
  table.addEventListener("dragover", (event) => {
    const row = event.target.closest?.("tr[data-day]");
    if (!allowed(row)) return;
    event.preventDefault(); // this row accepts the drop
    event.dataTransfer.dropEffect = "move";
    for (const other of rows()) other.classList.toggle("drop-over", other === row);
  });
  table.addEventListener("drop", (event) => {
    const row = event.target.closest?.("tr[data-day]");
    if (!allowed(row)) return;
    event.preventDefault();
    const form = dragged.querySelector("form[action='/week/move']");
    const from = dragged.dataset.moveFrom;
    clear();
    dragged = null;
    submitMove(form, from, row.dataset.day);
  });
  return { table };
}

// A real form submission (not fetch): the browser follows the redirect to the week with the
// result, exactly as the Move buttons do, and a refusal shows the server's error page.
export function submitMove(form, from, to) {
  const post = form ?? document.createElement("form");
  if (!form) {
    post.method = "post";
    post.action = "/week/move";
    post.hidden = true;
    document.body.append(post);
  }
  for (const [name, value] of [["from", from], ["to", to]]) {
    let field = post.querySelector(`input[type=hidden][name=${name}]`);
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = name;
      post.append(field);
    }
    field.value = value;
  }
  post.submit();
}
