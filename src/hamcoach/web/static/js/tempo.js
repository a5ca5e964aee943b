// Tempo prompt for the Nordic's slow lowering: "Lower… 4, 3, 2, 1 — catch". Started by a button.
//
// Markup (one root, e.g. <div data-component="tempo" data-seconds="4">):
//   [data-tempo-start]  button; its text becomes "Stop" while running (aria-pressed reflects it)
//   [data-tempo-count]  the big count, aria-live="polite" so each number is read out
//   [data-tempo-bar]    optional progress bar element (scaleX from 0 to 1 over the lowering)
// data-seconds (3-8, default 4) sets the lowering time. The root gets data-state running | idle.

import { scheduleBeep, unlockAudio } from "./sound.js";

export class TempoPrompt {
  constructor(root, { onDone } = {}) {
    this.root = root;
    this.button = root.querySelector("[data-tempo-start]");
    this.count = root.querySelector("[data-tempo-count]");
    this.bar = root.querySelector("[data-tempo-bar]");
    this.onDone = onDone;
    this.idleLabel = this.button?.textContent ?? "Start";
    this.startedAt = null;
    this.timer = null;
    this.frame = null;
    this.cancels = [];
    this.lastShown = null;
    this.button?.addEventListener("click", () => (this.running ? this.stop() : this.start()));
    this.root.dataset.state = "idle";
    this.button?.setAttribute("aria-pressed", "false");
  }

  get seconds() {
    const n = Number(this.root.dataset.seconds);
    return Number.isFinite(n) && n >= 3 && n <= 8 ? Math.round(n) : 4;
  }

  get running() {
    return this.startedAt !== null;
  }

  start() {
    unlockAudio();
    this.startedAt = Date.now();
    this.lastShown = null;
    this.root.dataset.state = "running";
    if (this.button) {
      this.button.textContent = "Stop";
      this.button.setAttribute("aria-pressed", "true");
    }
    // A soft tick on each count, the last one higher: scheduled on the audio clock.
    this.cancels = Array.from({ length: this.seconds + 1 }, (_, i) =>
      scheduleBeep(i, { frequency: i === this.seconds ? 1040 : 520, duration: 0.08, volume: 0.15 }),
    ).filter(Boolean);
    this.update();
  }

  stop(done = false) {
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
    if (!done) this.cancels.forEach((cancel) => cancel());
    this.cancels = [];
    this.startedAt = null;
    this.root.dataset.state = "idle";
    if (this.button) {
      this.button.textContent = this.idleLabel;
      this.button.setAttribute("aria-pressed", "false");
    }
    if (!done) this.show("");
    if (this.bar) this.bar.style.transform = "scaleX(0)";
  }

  update() {
    if (!this.running) return;
    const elapsed = (Date.now() - this.startedAt) / 1000;
    const left = this.seconds - elapsed;
    if (left <= 0) {
      this.show("Catch, push, pull up");
      this.stop(true);
      this.onDone?.();
      return;
    }
    const whole = Math.ceil(left);
    this.show(whole === this.seconds ? `Lower… ${whole}` : String(whole));
    if (this.bar) this.bar.style.transform = `scaleX(${Math.min(1, elapsed / this.seconds)})`;
    // Digits change once a second; the bar moves smoothly unless reduced motion is asked for.
    const smooth = !globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    if (smooth && this.bar) {
      this.frame = requestAnimationFrame(() => this.update());
    } else {
      this.timer = setTimeout(() => this.update(), (left * 1000) % 1000 || 1000);
    }
  }

  show(text) {
    if (this.count && text !== this.lastShown) {
      this.count.textContent = text;
      this.lastShown = text;
    }
  }
}

export const mountTempo = (root, opts) => new TempoPrompt(root, opts);
