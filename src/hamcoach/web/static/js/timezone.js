// The time-zone field of onboarding: a fresh profile starts from the browser's own zone.
//
// Markup: <input data-component="timezone" data-fresh="true|false" list="timezones"> with a
// <datalist id="timezones"> of the zones the server accepts. Only a fresh profile's field is
// changed, and only to a zone of the list; a stored zone is never overwritten.

export function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

export function mountTimezone(input) {
  if (input.dataset.fresh !== "true") return null;
  const zone = browserTimeZone();
  const list = input.list;
  const known = list ? [...list.options].some((option) => option.value === zone) : true;
  if (zone && known) input.value = zone;
  return zone;
}
