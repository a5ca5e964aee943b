// Calls to the JSON API, and the server's errors in words a person can read.
//
// request(url, options) -> {ok, status, data, message, response}: never throws for an answer
//   (any status); throws only when no answer came (offline, aborted, timed out). status is 0 for a
//   redirect not followed (redirect: "manual"). data is the parsed JSON body (undefined when the
//   body is not JSON); message is the server's error text, null on success or when it gave none.
// api(url, options) -> data on a 2xx answer; otherwise throws an ApiError whose message is the
//   server's text (or options.fallback, a string or status => string) and which carries .status
//   and .data. No answer at all throws the fetch error itself (it has no .status).
// messageOf(body) -> the text of an error body, or null.
//
// options: what fetch takes, except that `body` may be a plain value (sent as JSON with
// Content-Type: application/json) or FormData (sent as it is).

export class ApiError extends Error {
  constructor(message, { status, data } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.data = data;
  }
}

/**
 * The words of an error body: this server's ErrorOut ({"detail": "...", "errors": ["..."]}),
 * FastAPI's {"detail": "..."} and its list form {"detail": [{"loc": [...], "msg": "..."}]}.
 */
export function messageOf(body) {
  const detail = body?.detail;
  if (typeof detail === "string" && detail) return detail;
  if (Array.isArray(detail) && detail.length) {
    return detail
      .map((item) => {
        const field = Array.isArray(item?.loc) ? item.loc.at(-1) : null;
        return field && field !== "body" ? `${field}: ${item?.msg}` : String(item?.msg ?? item);
      })
      .join("; ");
  }
  const errors = Array.isArray(body?.errors) ? body.errors.filter((e) => typeof e === "string" && e) : [];
  return errors.length ? errors.join("; ") : null;
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return undefined; // no body, not JSON, or the body never came
  }
}

// The page's CSRF token (<meta name="csrf-token">, empty in local mode), read at each call: a set
// queued offline and sent after a new sign-in carries the new session's token.
export function csrfToken(doc = globalThis.document) {
  return doc?.querySelector('meta[name="csrf-token"]')?.content || "";
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export async function request(url, { body, headers = {}, ...init } = {}) {
  const raw = body === undefined || body instanceof FormData;
  const token = SAFE.has((init.method || "GET").toUpperCase()) ? "" : csrfToken();
  const sent = token ? { "X-CSRF-Token": token, ...headers } : headers;
  const response = await fetch(url, {
    ...init,
    headers: raw ? sent : { "Content-Type": "application/json", ...sent },
    body: raw ? body : JSON.stringify(body),
  });
  const status = response.type === "opaqueredirect" ? 0 : response.status;
  const data = await readJson(response);
  return { ok: response.ok, status, data, message: response.ok ? null : messageOf(data), response };
}

const defaultFallback = (status) => `HTTP ${status}`;

export async function api(url, { fallback = defaultFallback, ...options } = {}) {
  const answer = await request(url, options);
  if (answer.ok) return answer.data;
  const otherwise = typeof fallback === "function" ? fallback(answer.status) : fallback;
  throw new ApiError(answer.message ?? otherwise, { status: answer.status, data: answer.data });
}
