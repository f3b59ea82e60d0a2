/**
 * Locates the first syntax error of a text that `JSON.parse` refused. Node 20's messages do not always carry a
 * position and quote the input (attacker-controlled); this gives a position and a reason of our own words.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function findJsonError(text: string): { position: number; reason: string } | null {
  const stack: ('{' | '[')[] = [];
  let state: 'value' | 'key' | 'first-key' | 'colon' | 'after' | 'end' = 'value';
  let i = 0;
  const n = text.length;
  const err = (reason: string): { position: number; reason: string } => ({ position: i, reason });
  const afterValue = (): typeof state => (stack.length > 0 ? 'after' : 'end');
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
    if (i >= n) return state === 'end' ? null : err('unexpected end of input');
    const c = text[i];
    if (state === 'end') return err('unexpected data after the JSON value');
    if (state === 'colon') {
      if (c !== ':') return err("expected ':' after a property name");
      i++;
      state = 'value';
    } else if (state === 'key' || state === 'first-key') {
      if (c === '}' && state === 'first-key') {
        stack.pop();
        i++;
        state = afterValue();
      } else if (c === '"') {
        const end = stringEnd(text, i);
        if (end < 0) return err('unterminated or malformed string');
        i = end;
        state = 'colon';
      } else return err('expected a property name in double quotes');
    } else if (state === 'after') {
      const top = stack[stack.length - 1];
      if (c === ',') {
        i++;
        state = top === '{' ? 'key' : 'value';
      } else if (c === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        state = afterValue();
      } else return err(`expected ',' or '${top === '{' ? '}' : ']'}'`);
    } else {
      if (c === '{') {
        stack.push('{');
        i++;
        state = 'first-key';
      } else if (c === '[') {
        stack.push('[');
        i++;
        while (i < n && /\s/.test(text[i]!)) i++;
        if (text[i] === ']') {
          stack.pop();
          i++;
          state = afterValue();
        }
      } else if (c === '"') {
        const end = stringEnd(text, i);
        if (end < 0) return err('unterminated or malformed string');
        i = end;
        state = afterValue();
      } else {
        const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
        m.lastIndex = i;
        if (!m.exec(text)) return err('unexpected character');
        i = m.lastIndex;
        state = afterValue();
      }
    }
  }
}

/** Index just past the string starting at `start` (a `"`), or -1 when it is malformed. */
function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const code = text.charCodeAt(j);
    if (code === 0x22) return j + 1;
    if (code < 0x20) return -1;
    if (code === 0x5c) {
      const e = text[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -1;
        j += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
      else return -1;
    }
  }
  return -1;
}
