// Offline set queue: sets are stored in IndexedDB first, then sent to POST /api/v1/sets one at a
// time, oldest first. A set leaves the queue only when the server confirms it (201 stored, 200 the
// same id was already stored), so a reload or crash mid-send just resends it: ids are idempotent.
// One sender at a time across tabs (Web Locks; an in-page mutex where the API is missing).
//
// Retry rule: only what may succeed later is retried (with backoff): no answer at all (offline,
// timeout), 408, 429, 5xx, and a redirect (the server wants a sign-in first; following it could
// look like success). Any other answer is final: the set leaves the send queue at once, so the
// sets behind it go on, and is kept in the "rejected" store with the server's message ("needs
// attention") until the athlete fixes it (resendRejected: same id, back to the end of the queue)
// or discards it (discardRejected; restoreRejected undoes that). Nothing is ever dropped silently.
//
// Accounts: 401 (signed out, the session expired) and 403 (the page's CSRF token is stale) are
// not the set's fault: the set stays queued and goes once the athlete signs in again. Each queued
// set remembers the account that logged it (<meta name="hamcoach-account">, empty in local
// mode) and is sent only while that account is signed in: on a shared phone, one account's sets
// are never sent under another's; they wait, kept, for their own account's next sign-in.
//
// API: enqueueSet(set) -> stored set; syncNow(); pendingCount(); pendingSets(); rejectedSets();
//      resendRejected(id, {reps, load, note}) -> queued set | null; discardRejected(id) -> record |
//      null; restoreRejected(record); onQueueChange(cb) -> unsubscribe; installAutoSync();
//      configure(opts); isRetryable(status).

import { request } from "./api.js";

const DB_NAME = "hamcoach";
const DB_VERSION = 1;
const QUEUE = "queue"; // {seq (auto), set, queued_at}
const REJECTED = "rejected"; // {id, set, status, detail, rejected_at}
const LOCK = "hamcoach-sync";
const SYNC_TAG = "hamcoach-sync";

const options = {
  endpoint: "/api/v1/sets",
  retryBaseMs: 2000,
  retryMaxMs: 5 * 60 * 1000,
  requestTimeoutMs: 15000,
  headers: () => {
    const token = globalThis.document?.querySelector('meta[name="csrf-token"]')?.content;
    return token ? { "X-CSRF-Token": token } : {};
  },
};

/** Override defaults (endpoint, retryBaseMs, retryMaxMs, requestTimeoutMs, headers()). */
export function configure(overrides) {
  Object.assign(options, overrides);
}

let dbPromise = null;

function openDb() {
  dbPromise ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(QUEUE)) {
        db.createObjectStore(QUEUE, { keyPath: "seq", autoIncrement: true });
      }
      if (!db.objectStoreNames.contains(REJECTED)) {
        db.createObjectStore(REJECTED, { keyPath: "id" });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        dbPromise = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
  return dbPromise;
}

/** Run fn(stores) in one transaction; resolves with fn's result once the transaction commits. */
async function tx(storeNames, mode, fn) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const t = db.transaction(storeNames, mode);
    const stores = Object.fromEntries(storeNames.map((name) => [name, t.objectStore(name)]));
    let result;
    Promise.resolve(fn(stores)).then(
      (value) => {
        result = value;
      },
      (error) => {
        try {
          t.abort(); // nothing half-done: a failed step undoes the whole transaction
        } catch {
          // already finished
        }
        reject(error);
      },
    );
    t.oncomplete = () => resolve(result);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error ?? new Error("IndexedDB transaction aborted"));
  });
}

const req = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** Local time with its UTC offset, e.g. 2025-05-01T18:30:05+02:00 (the day the athlete lived). */
export function localIsoString(date = new Date()) {
  const pad = (n) => String(Math.trunc(Math.abs(n))).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

function normalise(set) {
  if (typeof set?.exercise !== "string" || set.exercise === "") {
    throw new TypeError("a set needs an exercise slug");
  }
  if (!Number.isInteger(set.reps)) throw new TypeError("a set needs whole-number reps");
  if (set.load != null && !Number.isFinite(set.load)) throw new TypeError("load must be a number");
  if (set.rir != null && !Number.isInteger(set.rir)) throw new TypeError("RIR must be a whole number");
  if (set.note != null && typeof set.note !== "string") throw new TypeError("a note must be text");
  // The server checks the kind's value (its list is the server's); a set from an older page has none.
  if (set.kind != null && typeof set.kind !== "string") throw new TypeError("a set's kind is text");
  if (set.hips_up != null && typeof set.hips_up !== "boolean") throw new TypeError("hips_up is true or false");
  const note = set.note?.trim() ? set.note.trim() : null;
  return {
    id: set.id ?? crypto.randomUUID(),
    exercise: set.exercise,
    variant: set.variant ?? null,
    side: set.side ?? null,
    reps: set.reps,
    load: set.load ?? null,
    rir: set.rir ?? null,
    performed_at: set.performed_at ?? localIsoString(),
    note,
    kind: set.kind ?? "working",
    hips_up: set.hips_up ?? null,
  };
}

// ---- change notifications (this tab, other tabs via BroadcastChannel) ----
const listeners = new Set();
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("hamcoach-queue") : null;
let lastError = null;
let syncing = false;

async function notify(broadcast = true) {
  const summary = await summaryNow();
  for (const cb of listeners) {
    try {
      cb(summary);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
  if (broadcast) channel?.postMessage("changed");
  return summary;
}
if (channel) channel.onmessage = () => void notify(false);

async function summaryNow() {
  return { pending: await pendingCount(), rejected: await rejectedSets(), syncing, lastError };
}

/** cb({pending, rejected, syncing, lastError}) on every change; called once now. */
export function onQueueChange(cb) {
  listeners.add(cb);
  summaryNow().then(cb);
  return () => listeners.delete(cb);
}

/** The signed-in account of this page ("" in local mode or before a sign-in). */
export function currentAccount(doc = globalThis.document) {
  return doc?.querySelector('meta[name="hamcoach-account"]')?.content || "";
}

const mine = (row) => (row.account ?? "") === currentAccount();
const queuedRows = () => tx([QUEUE], "readonly", (s) => req(s[QUEUE].getAll()));
/** This account's sets waiting to be sent (another account's, on a shared phone, not counted). */
export const pendingCount = async () => (await queuedRows()).filter(mine).length;
export const pendingSets = async () => (await queuedRows()).filter(mine).map((row) => row.set);
/** Sets the server refused ("needs attention"), oldest refusal first. */
export const rejectedSets = async () =>
  (await tx([REJECTED], "readonly", (s) => req(s[REJECTED].getAll()))).sort((a, b) =>
    String(a.rejected_at).localeCompare(String(b.rejected_at)),
  );

/**
 * Send a refused set again with the athlete's corrections ({reps, load, note}; the id, exercise,
 * side and time stay). In one transaction it leaves "rejected" and joins the end of the queue, so
 * it is sent exactly once however often this is called (another tab included): a second call
 * finds nothing to resend and answers null. Throws TypeError (and changes nothing) on bad values.
 */
export async function resendRejected(id, changes = {}) {
  const queued = await tx([QUEUE, REJECTED], "readwrite", async (s) => {
    const record = await req(s[REJECTED].get(id));
    if (!record) return null;
    const edits = pick(changes, ["reps", "load", "note"]); // never the id, exercise, side or time
    const fixed = normalise({ ...record.set, ...edits, id: record.set.id });
    const waiting = await req(s[QUEUE].getAll());
    if (!waiting.some((row) => row.set.id === fixed.id)) {
      await req(s[QUEUE].add({ set: fixed, queued_at: new Date().toISOString() }));
    }
    await req(s[REJECTED].delete(id));
    return fixed;
  });
  if (!queued) return null;
  await notify();
  requestBackgroundSync();
  void syncNow();
  return queued;
}

const pick = (object, names) =>
  Object.fromEntries(names.filter((name) => name in object).map((name) => [name, object[name]]));

/** Remove a refused set for good; answers the removed record (keep it to undo) or null. */
export async function discardRejected(id) {
  const record = await tx([REJECTED], "readwrite", async (s) => {
    const found = await req(s[REJECTED].get(id));
    if (found) await req(s[REJECTED].delete(id));
    return found ?? null;
  });
  await notify();
  return record;
}

/** Undo discardRejected: put the very same record back. */
export async function restoreRejected(record) {
  await tx([REJECTED], "readwrite", (s) => req(s[REJECTED].put(record)));
  await notify();
}

/** Kept for older callers: same as discardRejected. */
export const dismissRejected = discardRejected;

/** Store the set durably, then start a sync in the background. Resolves with the stored set. */
export async function enqueueSet(set) {
  const clean = normalise(set);
  await tx([QUEUE], "readwrite", (s) =>
    req(s[QUEUE].add({ set: clean, queued_at: new Date().toISOString(), account: currentAccount() })),
  );
  await notify();
  requestBackgroundSync();
  void syncNow();
  return clean;
}

// ---- sending ----
let running = null;
let again = false;
let retryTimer = null;
let failures = 0;

/** Send everything queued, oldest first. Concurrent calls share one run. */
export function syncNow() {
  if (running) {
    again = true;
    return running;
  }
  clearTimeout(retryTimer);
  retryTimer = null;
  running = withLock(async () => {
    do {
      again = false;
      await drain();
    } while (again);
  })
    .catch((error) => {
      lastError = String(error?.message ?? error);
    })
    .finally(() => {
      running = null;
      syncing = false;
    })
    .then(() => notify(false));
  return running;
}

function withLock(fn) {
  if (globalThis.navigator?.locks?.request) return navigator.locks.request(LOCK, fn);
  return fn(); // no Web Locks: this tab's `running` guard still serialises; ids keep resends safe
}

async function drain() {
  for (;;) {
    // The oldest of this account's sets (the queue is ordered by seq).
    const head = (await queuedRows()).find(mine) ?? null;
    if (!head) return;
    syncing = true;
    const outcome = await send(head.set);
    if (outcome.kind === "retry") {
      scheduleRetry(outcome.retryAfterMs);
      lastError = outcome.message;
      return;
    }
    failures = 0;
    lastError = null; // a refused set is reported through rejectedSets, not as a sync error
    await tx([QUEUE, REJECTED], "readwrite", async (s) => {
      if (outcome.kind === "rejected") {
        await req(
          s[REJECTED].put({
            id: head.set.id,
            set: head.set,
            status: outcome.status,
            detail: outcome.message,
            rejected_at: new Date().toISOString(),
          }),
        );
      }
      await req(s[QUEUE].delete(head.seq));
    });
    await notify();
  }
}

/** May this answer succeed if the same set is sent again later? (0: a redirect, see send.) */
export function isRetryable(status) {
  const redirect = status === 0 || (status >= 300 && status < 400);
  const signIn = status === 401 || status === 403; // kept until the athlete signs in again
  return redirect || signIn || status === 408 || status === 429 || status >= 500;
}

async function send(set) {
  let answer;
  try {
    answer = await request(options.endpoint, {
      method: "POST",
      headers: { Accept: "application/json", ...options.headers() },
      body: set,
      credentials: "same-origin",
      // A redirect (e.g. to a sign-in page) must not be followed: its 200 would look like "stored".
      redirect: "manual",
      signal: AbortSignal.timeout(options.requestTimeoutMs),
    });
  } catch (error) {
    return { kind: "retry", message: `offline or unreachable (${error?.name ?? "error"})` };
  }
  const { status } = answer; // 0: a redirect (see request in api.js)
  if (status === 200 || status === 201) return { kind: "done" };
  if (isRetryable(status)) {
    const seconds = Number(answer.response.headers.get("Retry-After"));
    const message =
      status < 400 || status === 401 || status === 403
        ? "sign in again to send the sets logged on this phone"
        : `server busy (HTTP ${status})`;
    return { kind: "retry", message, retryAfterMs: seconds > 0 ? seconds * 1000 : undefined };
  }
  const message = answer.message ?? FALLBACK[status] ?? "The server did not accept this set.";
  return { kind: "rejected", status, message };
}

// Said when the server gives no message of its own: plain words, no status codes.
const FALLBACK = {
  400: "The server could not read this set.",
  401: "You were signed out. Sign in, then send this set again.",
  403: "The server did not allow this set to be saved.",
  404: "The server found nowhere to save this set. Is your profile set up?",
  409: "This set clashes with one already saved.",
  413: "This set is too large to save.",
};

function scheduleRetry(retryAfterMs) {
  failures += 1;
  const backoff = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** (failures - 1));
  const delay = retryAfterMs ?? backoff * (0.75 + Math.random() * 0.5);
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void syncNow(), delay);
}

function requestBackgroundSync() {
  const sw = globalThis.navigator?.serviceWorker;
  if (!sw?.ready) return;
  sw.ready.then((registration) => registration.sync?.register(SYNC_TAG)).catch(() => {});
}

let installed = false;

/** Sync now, whenever the browser comes back online, and when the service worker asks. */
export function installAutoSync() {
  if (installed) return;
  installed = true;
  globalThis.addEventListener?.("online", () => {
    failures = 0;
    void syncNow();
  });
  globalThis.navigator?.serviceWorker?.addEventListener("message", (event) => {
    if (event.data?.type !== SYNC_TAG) return;
    syncNow().then(async () => event.ports[0]?.postMessage({ pending: await pendingCount() }));
  });
  void syncNow();
}
