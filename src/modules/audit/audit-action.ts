/** `domain.verb` (lowercase, dotted): every audit action, and the audit list's action filter. */
export const ACTION_FORMAT = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;
