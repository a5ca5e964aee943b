// Short beeps with the Web Audio API, scheduled on the audio clock so they sound on time even when
// the tab's timers are throttled in the background. Browsers only allow audio after a user gesture:
// call unlockAudio() from a click/submit handler (the set logger and the tempo button do).

let ctx = null;

/** Create or resume the shared AudioContext; returns null where Web Audio is unavailable. */
export function unlockAudio() {
  const Ctor = globalThis.AudioContext ?? globalThis.webkitAudioContext;
  if (!Ctor) return null;
  ctx ??= new Ctor();
  if (ctx.state === "suspended") ctx.resume().catch(() => {});
  return ctx;
}

/**
 * Schedule a beep `inSeconds` from now on the audio clock. Returns a cancel function, or null when
 * nothing was scheduled (no Web Audio, or unlockAudio() was never called).
 */
export function scheduleBeep(inSeconds = 0, { frequency = 880, duration = 0.18, volume = 0.25 } = {}) {
  if (!ctx || ctx.state === "closed") return null; // a suspended context plays once resumed
  const start = ctx.currentTime + Math.max(0, inSeconds);
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0, start);
  gain.gain.linearRampToValueAtTime(volume, start + 0.01);
  gain.gain.linearRampToValueAtTime(0, start + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + duration + 0.02);
  return () => {
    try {
      osc.stop();
      osc.disconnect();
    } catch {
      // already stopped
    }
  };
}

/** Vibrate where the device and the browser allow it (needs an earlier user gesture). */
export function buzz(pattern = [200, 100, 200]) {
  try {
    globalThis.navigator?.vibrate?.(pattern);
  } catch {
    // some browsers throw instead of returning false
  }
}
