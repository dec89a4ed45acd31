// The server's record cipher shares a data key across a run of values (a lease) with counter
// nonces, and caches unwrapped keys for reading: every value must still open on its own with only
// the master key, no iv may repeat under a key, and a new key is drawn when the lease is spent or
// the master key changes.
import { createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EnvelopeCipher, LEASE_VALUES, openText, rewrapText } from '../../src/server/crypto/envelope';
import { KeyError, KeyRing } from '../../src/server/crypto/key-ring';

const LABEL = 'changes.payload';

/** The pieces of a stored value, read by hand (not with the code under test). */
function pieces(stored: string) {
  const [prefix, kid, wrapped, iv, body, tag] = stored.split(':');
  expect(prefix).toBe('enc1');
  return { kid: kid!, wrapped: wrapped!, iv: iv!, body: body!, tag: tag! };
}

/** Opens a value with nothing but the master key: unwrap the data key, then AES-256-GCM. */
function openByHand(master: Buffer, stored: string, label: string): string {
  const p = pieces(stored);
  const w = Buffer.from(p.wrapped, 'base64url');
  const unwrap = createDecipheriv('aes-256-gcm', master, w.subarray(0, 12));
  unwrap.setAAD(Buffer.from(p.kid));
  unwrap.setAuthTag(w.subarray(44));
  const dek = Buffer.concat([unwrap.update(w.subarray(12, 44)), unwrap.final()]);
  const d = createDecipheriv('aes-256-gcm', dek, Buffer.from(p.iv, 'base64url'));
  d.setAAD(Buffer.from(`daiban:${label}`));
  d.setAuthTag(Buffer.from(p.tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(p.body, 'base64url')), d.final()]).toString('utf8');
}

describe('EnvelopeCipher', () => {
  it('seals a run of values under one data key with distinct ivs; each opens alone with the master key', () => {
    const master = randomBytes(32);
    const cipher = new EnvelopeCipher(new KeyRing(master, [], 'test'), randomBytes(32));
    const texts = Array.from({ length: 300 }, (_, i) => JSON.stringify({ i, name: `王${i}` }));
    const sealed = texts.map((t) => cipher.seal(LABEL, t));
    expect(new Set(sealed.map((s) => pieces(s).wrapped)).size).toBe(1);
    const ivs = sealed.map((s) => pieces(s).iv);
    expect(new Set(ivs).size).toBe(ivs.length);
    for (const [i, s] of sealed.entries()) {
      expect(s).not.toContain(`王${i}`);
      expect(openByHand(master, s, LABEL)).toBe(texts[i]);
      expect(cipher.open(LABEL, s)).toBe(texts[i]);
      // A reader without the cipher's cache (another process) opens it the same way.
      expect(openText(new KeyRing(master, [], 'test'), LABEL, s)).toBe(texts[i]);
    }
  });

  it('draws a new data key once a lease is spent, and never repeats an iv under a key', () => {
    const cipher = new EnvelopeCipher(new KeyRing(randomBytes(32), [], 'test'), randomBytes(32));
    const sealed = Array.from({ length: LEASE_VALUES + 10 }, (_, i) => cipher.seal(LABEL, `{"i":${i}}`));
    const keys = sealed.map((s) => pieces(s).wrapped);
    expect(keys[LEASE_VALUES - 1]).toBe(keys[0]);
    expect(keys[LEASE_VALUES]).not.toBe(keys[0]);
    const pairs = new Set(sealed.map((s) => `${pieces(s).wrapped}|${pieces(s).iv}`));
    expect(pairs.size).toBe(sealed.length);
    expect(cipher.open(LABEL, sealed.at(-1)!)).toBe(`{"i":${LEASE_VALUES + 9}}`);
  });

  it('gives two ciphers (two server starts) different data keys', () => {
    const ring = new KeyRing(randomBytes(32), [], 'test');
    const a = new EnvelopeCipher(ring, randomBytes(32)).seal(LABEL, '{}');
    const b = new EnvelopeCipher(ring, randomBytes(32)).seal(LABEL, '{}');
    expect(pieces(a).wrapped).not.toBe(pieces(b).wrapped);
  });

  it('seals under the new master key after a rotation, and still reads the values under the old one', () => {
    const old = randomBytes(32);
    const ring = new KeyRing(old, [], 'test');
    const cipher = new EnvelopeCipher(ring, randomBytes(32));
    const before = cipher.seal(LABEL, '{"a":1}');
    const next = randomBytes(32);
    const rotated = new KeyRing(next, [old], 'test');
    const after = new EnvelopeCipher(rotated, randomBytes(32));
    expect(after.open(LABEL, before)).toBe('{"a":1}');
    const rewrapped = rewrapText(rotated, before)!;
    expect(pieces(rewrapped).kid).toBe(rotated.currentId);
    expect(openByHand(next, rewrapped, LABEL)).toBe('{"a":1}');
    expect(pieces(after.seal(LABEL, '{"b":2}')).kid).toBe(rotated.currentId);
  });

  it('refuses a tampered value even when its data key is cached, and a value moved to another column', () => {
    const cipher = new EnvelopeCipher(new KeyRing(randomBytes(32), [], 'test'), randomBytes(32));
    const s = cipher.seal(LABEL, '{"name":"李四"}');
    expect(cipher.open(LABEL, s)).toBe('{"name":"李四"}'); // its key is cached now
    const p = pieces(s);
    const body = Buffer.from(p.body, 'base64url');
    body[0]! ^= 1;
    const tampered = ['enc1', p.kid, p.wrapped, p.iv, body.toString('base64url'), p.tag].join(':');
    expect(() => cipher.open(LABEL, tampered)).toThrow(KeyError);
    expect(() => cipher.open('persons.data', s)).toThrow(KeyError);
  });
});
