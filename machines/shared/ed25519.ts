/**
 * Ed25519 verification against a few known public keys, fast: each trusted key is decoded once
 * and given noble's multiplication table (`precompute`), which `ed25519.verify` cannot do since it
 * takes the key as bytes and decodes it anew for every signature. Same check as noble's strict
 * (RFC 8032, non-ZIP-215) verification, with noble's own point arithmetic: canonical encodings,
 * no small-order key, s below the group order, and the cofactored equation [8][s]B = [8]R + [8][k]A.
 * test/machines/ed25519.test.ts holds it to `ed25519.verify` on valid, altered and malformed input.
 * A module the worker preloads (worker/index.ts SHARED_MODULES): the tables are built once per worker.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, concatBytes } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';

const { Point } = ed25519;
type EdPoint = ReturnType<typeof Point.fromBytes>;

/** A trusted public key, decoded and with its multiplication table; null when the bytes are no usable key. */
const keys = new Map<string, { bytes: Uint8Array; point: EdPoint } | null>();

function trusted(publicKey: Uint8Array): { bytes: Uint8Array; point: EdPoint } | null {
  const id = Array.from(publicKey, (b) => b.toString(16).padStart(2, '0')).join('');
  let entry = keys.get(id);
  if (entry === undefined) {
    try {
      const point = Point.fromBytes(publicKey, false);
      entry = point.isSmallOrder() ? null : { bytes: Uint8Array.from(publicKey), point: point.precompute(8, false) };
    } catch {
      entry = null;
    }
    // A worker trusts a handful of keys; anything else is refused before it gets here.
    if (keys.size < 64) keys.set(id, entry);
  }
  return entry;
}

/** Whether `signature` is a valid Ed25519 signature of `message` by `publicKey` (32 bytes). */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const key = trusted(publicKey);
  if (!key) return false;
  const r = signature.subarray(0, 32);
  const s = bytesToNumberLE(signature.subarray(32, 64));
  if (s >= Point.Fn.ORDER) return false;
  let R: EdPoint;
  try {
    R = Point.fromBytes(r, false);
  } catch {
    return false;
  }
  const k = Point.Fn.create(bytesToNumberLE(sha512(concatBytes(r, key.bytes, message))));
  // Every value here is public: the variable-time multiplication noble's own verify uses, over the key's table.
  const kA = k === 0n ? Point.ZERO : key.point.multiplyUnsafe(k);
  return R.add(kA).subtract(Point.BASE.multiplyUnsafe(s)).clearCofactor().is0();
}
