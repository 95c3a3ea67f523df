import { createHash } from 'node:crypto';

/**
 * The public check-in pages (`/c/<token>`). Whoever holds the phone may be watching, so they name
 * nothing: no product, no organisation, no case. Plain HTML, no script, one small inline style
 * (allowed by its hash in the page's own CSP), a form that works on any phone browser.
 */

const STYLE =
  'body{font:16px/1.4 sans-serif;margin:0 auto;padding:1em;max-width:28em}label,input,button{display:block;width:100%;box-sizing:border-box}input,button{font:inherit;padding:.6em;margin:.3em 0 1em}';

/** Only this page's own style, and forms posting back to the same origin. */
export const CHECKIN_PAGE_CSP = [
  `default-src 'none'`,
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  `form-action 'self'`,
  `frame-ancestors 'none'`,
  `base-uri 'none'`,
].join('; ');

const PIN_INPUT = (name: string, label: string): string =>
  `<label for="${name}">${label}</label><input id="${name}" name="${name}" type="password" inputmode="numeric" pattern="[0-9]*" minlength="4" maxlength="8" autocomplete="off" required>`;

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><title>Confirm</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The form for a check-in link, and for any token that is not a live enrolment link. */
export const CHECKIN_FORM = page(`<h1>Confirm</h1><form method="post">${PIN_INPUT('pin', 'Code')}<button type="submit">Continue</button></form>`);

const ENROL_BODY = (notice: string): string =>
  `<h1>Choose your codes</h1>${notice}<p>Two different codes, 4 to 8 digits each.</p><form method="post">${PIN_INPUT('pin', 'First code')}${PIN_INPUT('pin2', 'Second code')}<button type="submit">Save</button></form>`;

/** The enrolment form: the person chooses the safety PIN (first) and the duress PIN (second). */
export const ENROL_FORM = page(ENROL_BODY(''));

/** The enrolment form again, after two codes that were not acceptable. */
export const ENROL_FORM_RETRY = page(ENROL_BODY('<p>Please choose again.</p>'));

/** A confirmed check-in (with either PIN: the two are byte for byte the same) or saved codes. */
export const CONFIRMED_PAGE = page('<h1>Thank you</h1><p>Received.</p>');

/**
 * Every failure: wrong PIN, unknown, used or expired token, too many attempts. One page, so none
 * of them can be told from another.
 */
export const NOT_CONFIRMED_PAGE = page('<h1>Thank you</h1><p>This could not be confirmed.</p>');
