// Rest timer between sets. Time is computed from a deadline (Date.now()), never by counting ticks,
// so it stays right when the tab is backgrounded or the phone sleeps.
//
// Markup (inside one root element, e.g.
//   <section data-component="rest-timer" data-default-seconds="90" hidden>):
//   [data-timer-display]  big digits (role="timer" keeps screen readers from reading every second)
//   [data-timer-status]   aria-live="polite" region: start, 60 s, 30 s, 10 s and the end are announced
//   [data-timer-bar]      optional progress bar element (scaled with transform: scaleX)
//   [data-timer-skip]     button: end the rest now (the timer goes away)
//   [data-timer-add]      button: add data-seconds (default 15; -15 takes 15 s off) seconds
// The root gets data-state="running" | "done" | "idle" and is un-hidden while running; the
// body gets data-resting="true" meanwhile (the page keeps room for the timer above the nav).
// Starts on its own on the document event "hamcoach:set-logged" (detail.rest_seconds, optional)
// and stops on "hamcoach:session-ended".

import { buzz, scheduleBeep, unlockAudio } from "./sound.js";

const ANNOUNCE_AT = [60, 30, 10];
// How long "Rest over" stays on screen before the timer makes room again.
const DONE_SHOWN_MS = 8000;

/** m:ss for a whole number of seconds, e.g. 90 -> "1:30". */
export function formatSeconds(total) {
  const s = Math.max(0, Math.ceil(total));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Words for the live region, e.g. 90 -> "1 minute 30 seconds". */
export function spokenSeconds(total) {
  const s = Math.max(0, Math.ceil(total));
  const m = Math.floor(s / 60);
  const parts = [];
  if (m) parts.push(`${m} minute${m === 1 ? "" : "s"}`);
  if (s % 60 || !m) parts.push(`${s % 60} second${s % 60 === 1 ? "" : "s"}`);
  return parts.join(" ");
}

export class RestTimer {
  /**
   * @param {HTMLElement} root
   * @param {{onEnd?: () => void, onTick?: (secondsLeft: number) => void, defaultSeconds?: number}} opts
   */
  constructor(root, { onEnd, onTick, defaultSeconds } = {}) {
    this.root = root;
    this.display = root.querySelector("[data-timer-display]");
    this.status = root.querySelector("[data-timer-status]");
    this.bar = root.querySelector("[data-timer-bar]");
    this.onEnd = onEnd;
    this.onTick = onTick;
    this.defaultSeconds = defaultSeconds ?? (Number(root.dataset.defaultSeconds) || 90);
    this.deadline = null;
    this.total = 0;
    this.timer = null;
    this.announced = new Set();
    this.cancelBeep = () => {};
    this.beepScheduled = false;
    root.querySelector("[data-timer-skip]")?.addEventListener("click", () => this.skip());
    root.querySelectorAll("[data-timer-add]").forEach((button) =>
      button.addEventListener("click", () => this.add(Number(button.dataset.seconds) || 15)),
    );
    this.onVisible = () => document.visibilityState === "visible" && this.tick();
    document.addEventListener("visibilitychange", this.onVisible);
    this.setState("idle");
  }

  get running() {
    return this.deadline !== null;
  }

  /** Seconds left (fractional); 0 when not running. */
  get remaining() {
    return this.running ? Math.max(0, (this.deadline - Date.now()) / 1000) : 0;
  }

  start(seconds = this.defaultSeconds) {
    unlockAudio(); // usually called from the set logger's submit, which is a user gesture
    this.total = seconds;
    this.deadline = Date.now() + seconds * 1000;
    this.announced = new Set(ANNOUNCE_AT.filter((at) => at >= seconds));
    clearTimeout(this.hideTimer);
    this.root.hidden = false;
    document.body.dataset.resting = "true";
    this.setState("running");
    this.say(`Rest ${spokenSeconds(seconds)}.`);
    this.rescheduleBeep();
    this.tick();
  }

  add(seconds = 15) {
    if (!this.running) return;
    this.deadline += seconds * 1000;
    this.total = Math.max(1, this.total + seconds);
    for (const at of ANNOUNCE_AT) if (at < this.remaining) this.announced.delete(at);
    const change = seconds >= 0 ? `Added ${seconds} seconds` : `Took off ${-seconds} seconds`;
    this.say(`${change}: ${spokenSeconds(this.remaining)} left.`);
    this.rescheduleBeep();
    this.tick();
  }

  skip() {
    if (this.running) this.finish({ skipped: true });
    this.hide();
  }

  /** Stop without calling onEnd (e.g. the session ended); the timer goes away. */
  stop() {
    this.clear();
    this.setState("idle");
    this.hide();
  }

  hide() {
    clearTimeout(this.hideTimer);
    this.root.hidden = true;
    delete document.body.dataset.resting;
  }

  destroy() {
    this.stop();
    document.removeEventListener("visibilitychange", this.onVisible);
  }

  tick() {
    if (!this.running) return;
    const left = this.remaining;
    this.render(left);
    this.onTick?.(Math.ceil(left));
    const whole = Math.ceil(left);
    for (const at of ANNOUNCE_AT) {
      if (whole <= at && !this.announced.has(at)) {
        this.announced = new Set([...this.announced, ...ANNOUNCE_AT.filter((a) => a >= whole)]);
        if (whole > 0) this.say(`${spokenSeconds(whole)} left.`);
        break;
      }
    }
    if (left <= 0) {
      this.finish({ skipped: false });
      return;
    }
    // Wake just after the next whole second so the digits change on time.
    const untilNextSecond = (left * 1000) % 1000 || 1000;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), untilNextSecond + 15);
  }

  finish({ skipped }) {
    const beepPending = this.beepScheduled;
    if (skipped) this.cancelBeep();
    this.cancelBeep = () => {};
    this.clear();
    this.render(0);
    this.setState("done");
    if (!skipped) {
      if (!beepPending) this.beepEnd(0); // nothing was on the audio clock: beep now if we can
      buzz([250, 120, 250]);
    }
    this.say(skipped ? "Rest skipped. Next set." : "Rest over. Next set.");
    if (!skipped) this.hideTimer = setTimeout(() => this.hide(), DONE_SHOWN_MS);
    this.onEnd?.({ skipped });
  }

  clear() {
    clearTimeout(this.timer);
    this.timer = null;
    this.deadline = null;
    this.beepScheduled = false;
    this.cancelBeep();
    this.cancelBeep = () => {};
  }

  rescheduleBeep() {
    this.cancelBeep();
    // Scheduled on the audio clock: sounds on time even if this tab's timers are throttled.
    this.cancelBeep = this.beepEnd(this.remaining);
    this.beepScheduled = this.cancelBeep !== null;
    this.cancelBeep ??= () => {};
  }

  beepEnd(inSeconds) {
    const first = scheduleBeep(inSeconds, { frequency: 660 });
    const second = scheduleBeep(inSeconds + 0.25, { frequency: 880 });
    if (!first || !second) return null;
    return () => {
      first();
      second();
    };
  }

  render(left) {
    if (this.display) this.display.textContent = formatSeconds(left);
    if (this.bar && this.total > 0) {
      this.bar.style.transform = `scaleX(${Math.min(1, left / this.total)})`;
    }
  }

  say(text) {
    if (this.status) this.status.textContent = text;
  }

  setState(state) {
    this.root.dataset.state = state;
  }
}

/** Create a RestTimer on root that starts on the "hamcoach:set-logged" document event. */
export function mountRestTimer(root, opts = {}) {
  const timer = new RestTimer(root, opts);
  document.addEventListener("hamcoach:set-logged", (event) => {
    const seconds = Number(event.detail?.rest_seconds) || timer.defaultSeconds;
    timer.start(seconds);
  });
  document.addEventListener("hamcoach:session-ended", () => timer.stop());
  return timer;
}
