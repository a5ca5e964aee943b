// Signing out on a shared phone: the service worker drops the personal pages it saved for
// offline use (today, week, history...), so the next person cannot open them offline. The
// offline queue is kept: its sets belong to their account and wait for its next sign-in.
//
// Markup: <form data-component="sign-out" method="post" action="/signout">.

export function mountSignOut(form) {
  form.addEventListener("submit", () => {
    globalThis.navigator?.serviceWorker?.controller?.postMessage({ type: "hamcoach-clear-pages" });
  });
  return form;
}
