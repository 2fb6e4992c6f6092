// Daily gains from a cumulative series: what Social Blade shows, where a surge is a wall of tall bars, not a change of slope.

/**
 * The change per day at each point: (v[i] - v[i-1]) divided by the days between the two points (at least one), rounded;
 * null for the first point and around missing values.
 */
export function dailyGains(timestamps, values) {
  const gains = new Array(values.length).fill(null);
  for (let i = 1; i < values.length; i++) {
    if (values[i] === null || values[i - 1] === null) {
      continue;
    }
    const days = Math.max(1, (timestamps[i] - timestamps[i - 1]) / 86400);
    gains[i] = Math.round((values[i] - values[i - 1]) / days);
  }
  return gains;
}
