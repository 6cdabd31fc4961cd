import { safeReturnPath } from './auth';

describe('safeReturnPath', () => {
  it.each(['/journey', '/cohorts/open?signup=3f1c', '/profile/equality#top'])(
    'keeps a path on this site: %s',
    (path) => expect(safeReturnPath(path)).toBe(path),
  );

  it.each([
    ['empty', ''],
    ['another site', 'https://evil.example/phish'],
    ['protocol-relative', '//evil.example/phish'],
    ['backslash trick', '/\\evil.example'],
    ['no leading slash', 'journey'],
    ['a control character', '/journey\nSet-Cookie: x'],
    ['back to sign-in', '/login?returnUrl=/journey'],
    ['back to registration', '/register'],
    ['an activation link', '/activate?token=abc'],
    ['too long', '/' + 'a'.repeat(500)],
  ])('refuses %s', (_name, path) => expect(safeReturnPath(path)).toBeNull());
});
