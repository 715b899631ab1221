// Issue 12: the workflow's signature check with precomputed trusted keys must agree with noble's
// strict Ed25519 verification on every input, valid or not.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { describe, expect, it } from 'vitest';
import { verifyEd25519 } from '../../machines/shared/ed25519.js';

const strict = (sig: Uint8Array, msg: Uint8Array, key: Uint8Array) => {
  try {
    return ed25519.verify(sig, msg, key, { zip215: false });
  } catch {
    return false;
  }
};
const keys = Array.from({ length: 3 }, () => ed25519.keygen());
const cases = Array.from({ length: 30 }, (_, i) => {
  const { secretKey, publicKey } = keys[i % keys.length]!;
  const message = new TextEncoder().encode(`{"projectId":"weishan-20261123-0000000${i}","task":"requirementsReview"}`);
  return { publicKey, message, signature: ed25519.sign(message, secretKey) };
});
const flip = (bytes: Uint8Array, i: number) => {
  const copy = Uint8Array.from(bytes);
  copy[i % copy.length]! ^= 1 << (i % 8);
  return copy;
};

describe('Ed25519 verification with precomputed trusted keys', () => {
  it('accepts what noble accepts: valid signatures of each key', () => {
    for (const c of cases) expect(verifyEd25519(c.signature, c.message, c.publicKey)).toBe(true);
  });

  it('refuses what noble refuses: any altered bit of signature or message, another key', () => {
    cases.forEach((c, i) => {
      for (const [sig, msg, key] of [
        [flip(c.signature, i * 7), c.message, c.publicKey],
        [flip(c.signature, 32 + i), c.message, c.publicKey],
        [c.signature, flip(c.message, i * 3), c.publicKey],
        [c.signature, c.message, keys[(i + 1) % keys.length]!.publicKey],
      ] as const) {
        expect(verifyEd25519(sig, msg, key)).toBe(strict(sig, msg, key));
        expect(verifyEd25519(sig, msg, key)).toBe(false);
      }
    });
  });

  it('refuses malleable and malformed encodings as strict verification does', () => {
    const c = cases[0]!;
    const order = ed25519.Point.Fn.ORDER;
    // s + ℓ: the same signature with a non-reduced scalar.
    const s = bytesToNumberLE(c.signature.subarray(32));
    const malleable = Uint8Array.from([...c.signature.subarray(0, 32), ...numberToBytesLE(s + order, 32)]);
    // R with y ≥ p: a non-canonical point encoding.
    const badR = Uint8Array.from(c.signature);
    badR.set(
      new Uint8Array(32).fill(0xff).map((b, i) => (i === 31 ? 0x7f : b)),
      0,
    );
    // A small-order public key (the identity point) and a truncated signature.
    const identity = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0));
    for (const [sig, key] of [
      [malleable, c.publicKey],
      [badR, c.publicKey],
      [c.signature, identity],
      [c.signature.subarray(0, 63), c.publicKey],
    ] as const) {
      expect(verifyEd25519(sig, c.message, key)).toBe(false);
      expect(strict(sig, c.message, key)).toBe(false);
    }
  });
});
