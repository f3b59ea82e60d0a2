/**
 * Makes an attacker-controlled string safe to print on a terminal: C0/C1 control characters (ESC, BEL, CR,
 * backspace …) and Unicode bidi overrides become visible `\xNN` / `\u{NNNN}` escapes, so a role name cannot
 * move the cursor, change colours, rewrite earlier lines or reorder text.
 *
 * @example terminalSafe('evil\u001b[2Jname') // 'evil\\x1b[2Jname'
 */
export function terminalSafe(s: string): string {
  return s.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.codePointAt(0) ?? 0;
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    },
  );
}
