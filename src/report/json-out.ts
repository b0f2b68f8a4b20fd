import type { Diagnostic } from '../rules/index.js';
import { CHUNK_BYTES, ChunkMemory } from './chunks.js';

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

/** The report's fixed words, as bytes. */
export const JSON_WORDS = {
  entryOpen: ascii('{"path":'),
  verdicts: ['loaded', 'skipped', 'not-an-agent'].map((verdict) => ascii(`,"verdict":"${verdict}","name":`)),
  reason: ascii(',"reason":'),
  diagnostics: ascii(',"diagnostics":['),
  rule: ascii('{"rule":'),
  severities: ['error', 'warning'].map((severity) => ascii(`,"severity":"${severity}","message":`)),
  line: ascii(',"line":'),
  column: ascii(',"column":'),
  entryClose: ascii(']}'),
  null: ascii('null'),
};

/**
 * A diagnostic as JSON up to its line number (`{"rule":…,"message":…,"line":`), for one that many
 * entries repeat: made once, then copied whole (see JsonOut.raw and JsonOut.position).
 */
export function openingJson({ rule, severity, message }: Pick<Diagnostic, 'rule' | 'severity' | 'message'>): Buffer {
  const words = JSON_WORDS.severities[severity === 'error' ? 0 : 1] as Buffer;
  return Buffer.concat([JSON_WORDS.rule, Buffer.from(JSON.stringify(rule)), words, Buffer.from(JSON.stringify(message)), JSON_WORDS.line]);
}

/** What JSON.stringify escapes in a string: quote, backslash, controls, and (unpaired) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON written straight into UTF-8 chunks: the check's results are read from their byte records into
 * the report with no object or string per diagnostic (see Records.writeJson). What it writes is what
 * JSON.stringify would print, byte for byte (tests/check/results.test.ts holds it to that).
 */
export class JsonOut {
  private buffer: Buffer;
  at = 0;

  constructor(private readonly memory = new ChunkMemory()) {
    this.buffer = memory.next(2 * CHUNK_BYTES);
  }

  /**
   * The bytes written since the last take; the next writes go to other memory (a pipe may still hold
   * these): asked for before this buffer is handed on, so it is never this one.
   */
  take(): Uint8Array {
    const full = this.buffer.subarray(0, this.at);
    const next = this.memory.next(2 * CHUNK_BYTES);
    this.memory.handedOn(this.buffer);
    this.buffer = next;
    this.at = 0;
    return full;
  }

  raw(bytes: Uint8Array): void {
    const length = bytes.length;
    this.room(length);
    // Most pieces are words of the report (`,"line":`): a byte at a time costs less than a call to `set`.
    if (length > 48) this.buffer.set(bytes, this.at);
    else for (let k = 0; k < length; k++) this.buffer[this.at + k] = bytes[k] as number;
    this.at += length;
  }

  byte(value: number): void {
    this.room(1);
    this.buffer[this.at++] = value;
  }

  /**
   * Bytes of valid UTF-8 as a JSON string; false (nothing written) when they hold a control character,
   * which the caller escapes through JSON.stringify. Quotes and backslashes are escaped here: messages
   * quote names and paths.
   */
  quoted(source: Buffer, from: number, to: number): boolean {
    this.room(2 * (to - from) + 2);
    const buffer = this.buffer;
    let at = this.at;
    buffer[at++] = 34;
    for (let i = from; i < to; i++) {
      const byte = source[i] as number;
      if (byte < 0x20) return false;
      if (byte === 34 || byte === 92) buffer[at++] = 92;
      buffer[at++] = byte;
    }
    buffer[at++] = 34;
    this.at = at;
    return true;
  }

  /** A string, as JSON.stringify writes it. */
  string(text: string): void {
    // Paths and messages are mostly printable ASCII: copied a character at a time, which for short
    // strings costs less than a call into the encoder.
    const length = text.length;
    this.room(2 * length + 2);
    const buffer = this.buffer;
    let at = this.at;
    buffer[at++] = 34;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code > 0x7f) {
        this.encoded(text);
        return;
      }
      if (code === 34 || code === 92) buffer[at++] = 92;
      buffer[at++] = code;
    }
    buffer[at++] = 34;
    this.at = at;
  }

  private encoded(text: string): void {
    if (NEEDS_ESCAPE.test(text)) {
      this.utf8(JSON.stringify(text));
      return;
    }
    this.room(3 * text.length + 2);
    this.buffer[this.at++] = 34;
    this.at += this.buffer.write(text, this.at, 'utf8');
    this.buffer[this.at++] = 34;
  }

  /** Text that is JSON already. */
  utf8(text: string): void {
    this.room(3 * text.length);
    this.at += this.buffer.write(text, this.at, 'utf8');
  }

  /** A non-negative integer (lines and columns). */
  integer(value: number): void {
    this.room(10);
    if (value < 10) {
      this.buffer[this.at++] = 48 + value;
      return;
    }
    // Digits written here, the last first: a String and a call into the encoder per number took as long
    // as the rest of a diagnostic.
    if (value > 0x7fffffff || !Number.isInteger(value)) {
      this.at += this.buffer.write(String(value), this.at, 'latin1');
      return;
    }
    let digits = 2;
    for (let rest = (value / 100) | 0; rest > 0; rest = (rest / 10) | 0) digits++;
    const buffer = this.buffer;
    let at = this.at + digits;
    this.at = at;
    for (let rest = value; rest > 0; rest = (rest / 10) | 0) buffer[--at] = 48 + (rest % 10);
  }

  /** A diagnostic object (a cross-file one: duplicate names, drift). */
  diagnostic(d: Diagnostic): void {
    this.raw(JSON_WORDS.rule);
    this.string(d.rule);
    this.raw(JSON_WORDS.severities[d.severity === 'error' ? 0 : 1] as Buffer);
    this.string(d.message);
    this.raw(JSON_WORDS.line);
    this.position(d.line, d.column);
  }

  /** A diagnostic's end, after its `"line":`: the line, the column, and the closing brace. */
  position(line: number, column: number): void {
    this.integer(line);
    this.raw(JSON_WORDS.column);
    this.integer(column);
    this.byte(125);
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}
