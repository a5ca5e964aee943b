// Offline set queue: sets are stored in IndexedDB first, then sent to POST /api/v1/sets one at a
// time, oldest first. A set leaves the queue only when the server confirms it (201 stored, 200 the
// same id was already stored), so a reload or crash mid-send just resends it: ids are idempotent.
// One sender at a time across tabs (Web Locks; an in-page mutex where the API is missing).
//
// API: enqueueSet(set) -> stored set; syncNow() -> summary; pendingCount(); rejectedSets();
//      dismissRejected(id); onQueueChange(cb) -> unsubscribe; installAutoSync(); configure(opts).

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
    Promise.resolve(fn(stores)).then((value) => {
      result = value;
    }, reject);
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
  return {
    id: set.id ?? crypto.randomUUID(),
    exercise: set.exercise,
    variant: set.variant ?? null,
    side: set.side ?? null,
    reps: set.reps,
    load: set.load ?? null,
    rir: set.rir ?? null,
    performed_at: set.performed_at ?? localIsoString(),
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

export const pendingCount = () => tx([QUEUE], "readonly", (s) => req(s[QUEUE].count()));
export const pendingSets = () =>
  tx([QUEUE], "readonly", async (s) => (await req(s[QUEUE].getAll())).map((row) => row.set));
export const rejectedSets = () => tx([REJECTED], "readonly", (s) => req(s[REJECTED].getAll()));

export async function dismissRejected(id) {
  await tx([REJECTED], "readwrite", (s) => req(s[REJECTED].delete(id)));
  await notify();
}

/** Store the set durably, then start a sync in the background. Resolves with the stored set. */
export async function enqueueSet(set) {
  const clean = normalise(set);
  await tx([QUEUE], "readwrite", (s) =>
    req(s[QUEUE].add({ set: clean, queued_at: new Date().toISOString() })),
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
    const head = await tx([QUEUE], "readonly", async (s) => {
      const cursor = await req(s[QUEUE].openCursor());
      return cursor ? cursor.value : null;
    });
    if (!head) return;
    syncing = true;
    const outcome = await send(head.set);
    if (outcome.kind === "retry") {
      scheduleRetry(outcome.retryAfterMs);
      lastError = outcome.message;
      return;
    }
    failures = 0;
    lastError = outcome.kind === "rejected" ? outcome.message : null;
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

async function send(set) {
  let response;
  try {
    response = await fetch(options.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...options.headers() },
      body: JSON.stringify(set),
      credentials: "same-origin",
      signal: AbortSignal.timeout(options.requestTimeoutMs),
    });
  } catch (error) {
    return { kind: "retry", message: `offline or unreachable (${error?.name ?? "error"})` };
  }
  const { status } = response;
  if (status === 200 || status === 201) return { kind: "done" };
  const transient = status >= 500 || status === 408 || status === 429 || status === 401;
  if (transient) {
    const seconds = Number(response.headers.get("Retry-After"));
    const message = status === 401 ? "sign in again to sync" : `server busy (HTTP ${status})`;
    return { kind: "retry", message, retryAfterMs: seconds > 0 ? seconds * 1000 : undefined };
  }
  return { kind: "rejected", status, message: await errorMessage(response) };
}

/** FastAPI style {"detail": "..."} or {"detail": [{"loc": [...], "msg": "..."}]}. */
async function errorMessage(response) {
  let detail;
  try {
    detail = (await response.json())?.detail;
  } catch {
    detail = undefined;
  }
  if (typeof detail === "string" && detail) return detail;
  if (Array.isArray(detail) && detail.length) {
    return detail
      .map((item) => {
        const field = Array.isArray(item?.loc) ? item.loc.at(-1) : null;
        return field && field !== "body" ? `${field}: ${item?.msg}` : String(item?.msg ?? item);
      })
      .join("; ");
  }
  return `refused by the server (HTTP ${response.status})`;
}

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
