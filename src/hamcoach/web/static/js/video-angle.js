// The Nordic break-point angle marked by hand on a phone video (Tests page).
//
// Markup: [data-component="video-angle"] holding input[data-va-file], [data-va-stage] (hidden
// until a video is open) with video[data-va-video] and canvas[data-va-canvas] over it, buttons
// [data-va-step="N"] (N frames; arrow keys step 1, with Shift 10), input[data-va-fps],
// [data-va-time], [data-va-prompt], [data-va-angle], button[data-va-reset],
// button[data-va-save] and [data-va-message].
//
// The video never leaves the browser: only the three marks (knee, hip, ankle, in the frame's
// pixels), the time and that one frame as a small JPEG are sent, and the server computes the
// angle it stores (POST /api/v1/tests/marked). The angle shown while marking follows the same
// convention: the thigh (knee to hip) from the vertical of the floor the shin rests on.

import { api, csrfToken, messageOf } from "./api.js";

const MARKS = ["knee", "hip", "ankle"];
const PROMPTS = {
  knee: "Step to the frame where the lowering broke, then tap the knee.",
  hip: "Now tap the hip.",
  ankle: "Now tap the ankle (it levels the floor), or save without it.",
  done: "Check the line, then save. Mark again to start over.",
};
const FRAME_WIDTH = 960; // px of the saved frame: enough to see the marks, about 100 KB

/** The thigh's angle from upright in degrees, as the server computes it. */
export function thighAngle(knee, hip, ankle) {
  let forward = [hip[0] >= knee[0] ? 1 : -1, 0];
  let up = [0, -1];
  if (ankle) {
    const dx = knee[0] - ankle[0];
    const dy = knee[1] - ankle[1];
    const n = Math.hypot(dx, dy) || 1;
    forward = [dx / n, dy / n];
    up = [forward[1], -forward[0]];
    if (up[1] > 0) up = [-up[0], -up[1]];
  }
  const vx = hip[0] - knee[0];
  const vy = hip[1] - knee[1];
  const along = vx * forward[0] + vy * forward[1];
  const above = vx * up[0] + vy * up[1];
  return (Math.atan2(along, above) * 180) / Math.PI;
}

function toBase64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",")[1] || "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

export function mountVideoAngle(root) {
  const $ = (selector) => root.querySelector(selector);
  const file = $("[data-va-file]");
  const stage = $("[data-va-stage]");
  const video = $("[data-va-video]");
  const canvas = $("[data-va-canvas]");
  const fps = $("[data-va-fps]");
  const time = $("[data-va-time]");
  const prompt = $("[data-va-prompt]");
  const angle = $("[data-va-angle]");
  const save = $("[data-va-save]");
  const message = $("[data-va-message]");
  const context = canvas.getContext("2d");
  let marks = {};
  let url = null;

  const next = () => MARKS.find((m) => !marks[m]) || "done";

  function draw() {
    if (!video.videoWidth) return;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const scale = canvas.width / 400;
    context.lineWidth = 3 * scale;
    context.strokeStyle = "#f5c400";
    context.fillStyle = "#f5c400";
    if (marks.knee && marks.hip) {
      context.beginPath();
      context.moveTo(...marks.knee);
      context.lineTo(...marks.hip);
      context.stroke();
    }
    if (marks.knee && marks.ankle) {
      context.beginPath();
      context.moveTo(...marks.ankle);
      context.lineTo(...marks.knee);
      context.stroke();
    }
    for (const m of MARKS) {
      if (!marks[m]) continue;
      context.beginPath();
      context.arc(marks[m][0], marks[m][1], 6 * scale, 0, 2 * Math.PI);
      context.fill();
    }
  }

  function show() {
    const step = next();
    prompt.textContent = PROMPTS[step];
    save.disabled = !(marks.knee && marks.hip);
    if (marks.knee && marks.hip) {
      const value = thighAngle(marks.knee, marks.hip, marks.ankle);
      angle.textContent = `${value.toFixed(1)}° from upright`;
      angle.dataset.value = value.toFixed(1);
    } else {
      angle.textContent = "";
      delete angle.dataset.value;
    }
    time.textContent = `${video.currentTime.toFixed(2)} s · frame ${Math.round(video.currentTime * frameRate())}`;
    draw();
  }

  const frameRate = () => Math.min(240, Math.max(1, Number(fps.value) || 30));

  function step(frames) {
    if (!video.videoWidth) return;
    const end = Number.isFinite(video.duration) ? video.duration : Infinity;
    video.currentTime = Math.min(end, Math.max(0, video.currentTime + frames / frameRate()));
  }

  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(chosen); // read here, in the browser: the video is never sent
    marks = {};
    message.textContent = "";
    video.src = url;
  });
  video.addEventListener("loadedmetadata", () => {
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    stage.hidden = false;
    video.currentTime = 0;
  });
  video.addEventListener("error", () => {
    stage.hidden = true;
    message.textContent = "This browser cannot play that file: choose an MP4 or WebM video.";
  });
  video.addEventListener("seeked", show);
  for (const button of root.querySelectorAll("[data-va-step]")) {
    button.addEventListener("click", () => step(Number(button.dataset.vaStep)));
  }
  stage.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    step((event.key === "ArrowLeft" ? -1 : 1) * (event.shiftKey ? 10 : 1));
  });
  canvas.addEventListener("click", (event) => {
    const box = canvas.getBoundingClientRect();
    const point = [
      ((event.clientX - box.left) / box.width) * canvas.width,
      ((event.clientY - box.top) / box.height) * canvas.height,
    ];
    const m = next();
    if (m === "done") return;
    marks[m] = point;
    show();
  });
  $("[data-va-reset]").addEventListener("click", () => {
    marks = {};
    message.textContent = "";
    show();
  });
  save.addEventListener("click", async () => {
    save.disabled = true;
    message.textContent = "Saving…";
    try {
      const small = document.createElement("canvas");
      const ratio = Math.min(1, FRAME_WIDTH / canvas.width);
      small.width = Math.round(canvas.width * ratio);
      small.height = Math.round(canvas.height * ratio);
      small.getContext("2d").drawImage(canvas, 0, 0, small.width, small.height);
      const blob = await new Promise((resolve) => small.toBlob(resolve, "image/jpeg", 0.8));
      const stored = await api("/api/v1/tests/marked", {
        method: "POST",
        body: {
          knee: marks.knee,
          hip: marks.hip,
          ankle: marks.ankle || null,
          frame_jpeg: await toBase64(blob),
          video_time_s: Number(video.currentTime.toFixed(3)),
        },
        fallback: "The break point was not saved: try again.",
      });
      message.textContent = `Saved: ${stored.value}° on ${stored.tested_on}, with the frame.`;
      message.dataset.saved = stored.group_id;
    } catch (error) {
      message.textContent = error.message;
      save.disabled = false;
    }
  });
  mountAutomatic(root, file);
  return { thighAngle };
}

/** The pose model's answer for the chosen video (when the server has the video extra): the
 * upload answers progress lines, then the result, read as they come. */
function mountAutomatic(root, file) {
  const $ = (selector) => root.querySelector(selector);
  const start = $("[data-va-analyse]");
  if (!start) return;
  const bar = $("[data-va-progress]");
  const message = $("[data-va-auto-message]");
  const frame = $("[data-va-auto-frame]");
  const keep = $("[data-va-auto-save]");
  let result = null;
  file.addEventListener("change", () => {
    start.disabled = !file.files?.length;
    frame.hidden = keep.hidden = true;
    message.textContent = "";
  });
  start.addEventListener("click", async () => {
    start.disabled = true;
    frame.hidden = keep.hidden = true;
    bar.hidden = false;
    bar.value = 0;
    message.textContent = "Sending the video…";
    result = null;
    const form = new FormData();
    form.append("file", file.files[0]);
    try {
      const response = await fetch("/api/v1/tests/video", {
        method: "POST",
        body: form,
        headers: csrfToken() ? { "X-CSRF-Token": csrfToken() } : {},
      });
      if (!response.ok) {
        let body;
        try {
          body = await response.json();
        } catch {
          body = undefined;
        }
        throw new Error(messageOf(body) || `The video was not read (HTTP ${response.status}).`);
      }
      message.textContent = "Finding the knee, hip and ankle…";
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let pending = "";
      for (;;) {
        const { value, done } = await reader.read();
        pending += decoder.decode(value || new Uint8Array(), { stream: !done });
        const lines = pending.split("\n");
        pending = lines.pop();
        for (const line of lines.filter(Boolean)) {
          const item = JSON.parse(line);
          if ("progress" in item) bar.value = item.progress;
          if (item.error) throw new Error(item.error);
          if (item.result) result = item.result;
        }
        if (done) break;
      }
      if (!result) throw new Error("The video was not read to the end: try again.");
      frame.src = `data:image/jpeg;base64,${result.frame_jpeg}`;
      frame.hidden = false;
      keep.hidden = false;
      const what = result.broke ? `Break point ${result.angle_deg}° at ${result.break_time_s.toFixed(2)} s` : `No break: lowered under control to ${result.angle_deg}°`;
      message.textContent = [what, ...result.notes].join(". ") + ".";
    } catch (error) {
      message.textContent = error.message;
    } finally {
      bar.hidden = true;
      start.disabled = !file.files?.length;
    }
  });
  keep.addEventListener("click", async () => {
    if (!result) return;
    keep.disabled = true;
    try {
      const stored = await api("/api/v1/tests/marked", {
        method: "POST",
        body: { ...result.marks, frame_jpeg: result.frame_jpeg, video_time_s: result.break_time_s },
        fallback: "The break point was not saved: try again.",
      });
      message.textContent = `Saved: ${stored.value}° on ${stored.tested_on}, with the frame.`;
      keep.hidden = true;
    } catch (error) {
      message.textContent = error.message;
    } finally {
      keep.disabled = false;
    }
  });
}
