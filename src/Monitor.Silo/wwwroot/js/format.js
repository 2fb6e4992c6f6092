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

/** A percentage that is already in percent (growth windows report percent). */
export function percent(value) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return dash;
  }
  return (value > 0 ? '+' : value < 0 ? '−' : '') + Math.abs(value).toFixed(2) + '%';
}

export function date(value) {
  return value ? new Date(value).toISOString().slice(0, 10) : dash;
}

export function dateTime(value) {
  return value ? new Date(value).toISOString().replace('T', ' ').slice(0, 16) + 'Z' : dash;
}

/** Class name for a growth figure: up, down or flat. */
export function trend(value) {
  return value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
}
