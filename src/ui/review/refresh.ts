/** How often an open reviewer list or report asks the server again (a 304 while nothing changed). */
export const REVIEW_REFRESH_MS = 20_000;
