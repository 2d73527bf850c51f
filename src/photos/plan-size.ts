// Pure sizing rules for the photo pipeline (no DOM).

export interface Size {
  width: number;
  height: number;
}

/**
 * Scales `size` down (never up) so that its long side is ≤ maxSide and its area ≤ maxPixels,
 * keeping the aspect ratio; every side stays ≥ 1 px.
 */
export function fitWithin(size: Size, maxSide: number, maxPixels = Infinity): Size {
  const { width, height } = size;
  let scale = Math.min(1, maxSide / Math.max(width, height));
  if (width * height * scale * scale > maxPixels) scale = Math.sqrt(maxPixels / (width * height));
  if (scale >= 1) return { width, height };
  let w = Math.max(1, Math.round(width * scale));
  let h = Math.max(1, Math.round(height * scale));
  // rounding must not break the limits
  while (Math.max(w, h) > maxSide || w * h > maxPixels) {
    if (w >= h) w -= 1; else h -= 1;
  }
  return { width: w, height: h };
}

/**
 * The next attempt when an encode came out over the byte budget: first lower the quality, then
 * shrink the picture by the square root of the overshoot (bytes grow roughly with area).
 */
export function nextAttempt(
  previous: { size: Size; quality: number },
  bytes: number,
  maxBytes: number,
  minQuality = 0.5,
): { size: Size; quality: number } {
  if (previous.quality > minQuality + 1e-9) return { size: previous.size, quality: minQuality };
  const shrink = Math.sqrt(maxBytes / bytes) * 0.95;
  const long = Math.max(previous.size.width, previous.size.height);
  return { size: fitWithin(previous.size, Math.max(64, Math.floor(long * shrink))), quality: minQuality };
}
