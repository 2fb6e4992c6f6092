// Number and date formatting shared by the views.

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export const dash = '–';

export function count(value) {
  return value === null || value === undefined ? dash : integer.format(value);
}

export function short(value) {
  return value === null || value === undefined ? dash : compact.format(value);
}

export function number(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return dash;
  }
  return digits === 2 ? decimal.format(value) : value.toFixed(digits);
}

/** A signed change: +1,234 or −56. */
export function signed(value) {
  if (value === null || value === undefined) {
    return dash;
  }
  return (value > 0 ? '+' : value < 0 ? '−' : '') + integer.format(Math.abs(value));
}

/** A fraction shown as a signed percentage (the API reports every relative figure as a fraction: 0.018 is +1.80%). */
export function percent(fraction) {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) {
    return dash;
  }
  return (fraction > 0 ? '+' : fraction < 0 ? '−' : '') + Math.abs(fraction * 100).toFixed(2) + '%';
}

export function date(value) {
  return value ? new Date(value).toISOString().slice(0, 10) : dash;
}

export function dateTime(value) {
  return value ? new Date(value).toISOString().replace('T', ' ').slice(0, 16) + 'Z' : dash;
}

/** How long an episode lasted (to now while it is open), in days or, under two days, hours. */
export function duration(start, end) {
  const ms = (end ? Date.parse(end) : Date.now()) - Date.parse(start);
  if (Number.isNaN(ms) || ms < 0) {
    return dash;
  }
  const hours = ms / 3600000;
  return hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} d`;
}

/** Class name for a growth figure: up, down or flat. */
export function trend(value) {
  return value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
}
