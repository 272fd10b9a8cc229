/** A rough passphrase strength, 0 (weak) .. 3 (strong): length and variety. */
export function passphraseStrength(p: string): 0 | 1 | 2 | 3 {
  const len = [...p].length;
  let classes = 0;
  if (/\p{Ll}/u.test(p)) classes++;
  if (/\p{Lu}/u.test(p)) classes++;
  if (/\p{N}/u.test(p)) classes++;
  if (/[^\p{L}\p{N}]/u.test(p)) classes++;
  const words = p.trim().split(/\s+/).filter(Boolean).length;
  if (len < 8) return 0;
  if (len >= 20 || (words >= 4 && len >= 16)) return 3;
  if (len >= 12 && classes >= 2) return 2;
  if (classes >= 3) return 2;
  return 1;
}
