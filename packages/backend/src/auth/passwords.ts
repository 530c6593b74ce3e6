import argon2 from 'argon2';

// OWASP 2024 minimum for argon2id: m=19 MiB, t=2, p=1.
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, options);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Burns the same time as a real verify so that unknown user names cannot be told apart by timing. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('portguard-dummy-password');
  await verifyPassword(await dummyHash, password);
  return false;
}
