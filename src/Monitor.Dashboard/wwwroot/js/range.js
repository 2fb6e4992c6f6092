// The time range of a chart, kept in the page's URL (#/accounts/<key>?range=1y or ?from=2020-09-01&to=2020-12-01) so a
// zoom survives a reload and can be shared. Relative presets end at the latest point of the data (a stale account's
// chart is not empty).

const day = 86400;

export const presets = [
  { value: '30d', label: 'Last 30 days', seconds: 30 * day },
  { value: '90d', label: 'Last 90 days', seconds: 90 * day },
  { value: '1y', label: 'Last year', seconds: 365 * day },
  { value: '5y', label: 'Last 5 years', seconds: 5 * 365 * day },
  { value: 'all', label: 'Everything', seconds: null },
  { value: 'custom', label: 'Custom (zoomed)', seconds: null },
];

/** The route's parameters: the part of the hash after '?'. */
export function routeParams() {
  const hash = location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/** Replaces the route's parameters without a navigation (no hashchange: the view stays). */
export function setRouteParams(changes) {
  const params = routeParams();
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') {
      params.delete(name);
    } else {
      params.set(name, value);
    }
  }
  const base = location.hash.split('?')[0] || '#/';
  const text = params.toString();
  history.replaceState(null, '', text ? `${base}?${text}` : base);
}

/** The range the URL asks for: { preset, from, to } with from/to in Unix seconds or null. */
export function readRange() {
  const params = routeParams();
  const from = parseDay(params.get('from'));
  const to = parseDay(params.get('to'), true);
  if (from !== null || to !== null) {
    return { preset: 'custom', from, to };
  }
  const preset = presets.find(p => p.value === params.get('range'))?.value ?? 'all';
  return { preset, from: null, to: null };
}

/** The [min, max] in Unix seconds a range shows over data from first to last (seconds). */
export function resolveRange(range, first, last) {
  if (range.preset === 'custom') {
    return [range.from ?? first, range.to ?? last];
  }
  const preset = presets.find(p => p.value === range.preset);
  return preset?.seconds ? [Math.max(first, last - preset.seconds), last] : [first, last];
}

/** The first and last Unix seconds of several series' timestamps (each sorted); last is not after first when they span no time. */
export function seriesSpan(members) {
  const times = members.flatMap(member => [member.timestamps[0], member.timestamps.at(-1)]).filter(t => t !== undefined);
  return { first: Math.min(...times), last: Math.max(...times) };
}

/** Writes a preset to the URL. */
export function writePreset(preset) {
  setRouteParams({ range: preset === 'all' ? null : preset, from: null, to: null });
}

/** Records a zoom the user made over data from first to last: zoomed out to everything is the preset 'all'. Returns the range now in the URL. */
export function recordZoom(min, max, first, last) {
  if (min <= first && max >= last) {
    writePreset('all');
  } else {
    writeZoom(min, max);
  }
  return readRange();
}

/**
 * Follows a time-range picker: a preset is written to the URL and drawn with redraw(); 'custom', what a zoom makes, keeps
 * the range on show (extent(): [min, max] in Unix seconds, or null) by writing it to the URL.
 */
export function followRangePicker(picker, extent, redraw) {
  picker.addEventListener('change', () => {
    if (picker.value === 'custom') {
      const shown = extent();
      if (shown) {
        writeZoom(shown[0], shown[1]);
      }
      return;
    }
    writePreset(picker.value);
    redraw();
  });
}

/** Writes a zoom (Unix seconds) to the URL as ISO dates (or date-times when it spans under two days). */
export function writeZoom(min, max) {
  const precise = max - min < 2 * day;
  setRouteParams({ range: null, from: isoText(min, precise), to: isoText(max, precise) });
}

function isoText(seconds, precise) {
  const text = new Date(seconds * 1000).toISOString();
  return precise ? `${text.slice(0, 16)}Z` : text.slice(0, 10);
}

// A day names its whole span: 'to=2020-12-01' includes that day.
function parseDay(text, endOfDay = false) {
  if (!text) {
    return null;
  }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) {
    return null;
  }
  return ms / 1000 + (dateOnly && endOfDay ? day - 1 : 0);
}
