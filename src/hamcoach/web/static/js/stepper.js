// Big − and + buttons beside a number field, for a thumb at the gym.
//
// <div data-component="stepper" data-step="2.5" data-min="0.25">
//   <button type="button" data-step-down>−</button> <input ...> <button type="button" data-step-up>+</button>
// </div>
// The step is the server's (the athlete's machine increment for loads, 1 for reps). A typed
// value is kept as typed until a button is pressed; a comma decimal ("12,5") counts as 12.5.

/** The field's number, reading a comma as the decimal point; NaN when it is not a number. */
export function parseDecimal(text) {
  const trimmed = String(text ?? "").trim().replace(",", ".");
  return trimmed === "" || !/^[0-9]*\.?[0-9]+$/.test(trimmed) ? NaN : Number(trimmed);
}

/** value + steps × step, never below min, without float noise (21.25 + 1.25 = 22.5, not 22.499…). */
export function stepped(value, step, steps, min) {
  const next = Math.round((value + steps * step) * 1000) / 1000;
  return Math.max(min, next);
}

export function mountStepper(element) {
  const input = element.querySelector("input");
  const step = Number(element.dataset.step) || 1;
  const min = Number(element.dataset.min ?? step);
  const move = (steps) => {
    const current = parseDecimal(input.value);
    const base = Number.isFinite(current) ? current : min;
    input.value = String(stepped(base, step, steps, min));
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  element.querySelector("[data-step-down]")?.addEventListener("click", () => move(-1));
  element.querySelector("[data-step-up]")?.addEventListener("click", () => move(1));
  return { move };
}
