// The time-zone field of onboarding: a fresh profile starts from the browser's own zone.
//
// Markup: <input data-component="timezone" data-fresh="true|false" list="timezones"> with a
// <datalist id="timezones"> of the zones the server accepts. Only a fresh profile's field is
// changed, and only to a zone of the list; a stored zone is never overwritten.

// Chromium (ICU, following CLDR) still answers the old names of these renamed zones: a browser
// set to Asia/Kolkata says Asia/Calcutta, one set to Europe/Kyiv says Europe/Kiev. The field
// offers the tz database's current name (the old one stays a valid alias of the same zone).
export const RENAMED = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

export function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

export function mountTimezone(input) {
  if (input.dataset.fresh !== "true") return null;
  const list = input.list;
  const offered = (name) => (list ? [...list.options].some((option) => option.value === name) : true);
  const reported = browserTimeZone();
  const current = reported && Object.hasOwn(RENAMED, reported) ? RENAMED[reported] : null;
  const zone = current && offered(current) ? current : reported;
  if (zone && offered(zone)) input.value = zone;
  return zone;
}
