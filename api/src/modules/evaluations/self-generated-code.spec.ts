import { createHash, createHmac } from 'crypto';
import { codePairingKey, normaliseSelfGeneratedCode } from './self-generated-code';

describe('self-generated code', () => {
  it('ignores spaces, case and accents', () => {
    expect(normaliseSelfGeneratedCode(' ma 07 le ')).toBe('MA07LE');
    expect(normaliseSelfGeneratedCode('Má07lE')).toBe('MA07LE');
  });

  it('needs 4 to 12 letters or digits', () => {
    expect(normaliseSelfGeneratedCode('ab1')).toBeNull();
    expect(normaliseSelfGeneratedCode('abcd')).toBe('ABCD');
    expect(normaliseSelfGeneratedCode('abcdefghij12')).toBe('ABCDEFGHIJ12');
    expect(normaliseSelfGeneratedCode('abcdefghij123')).toBeNull();
    expect(normaliseSelfGeneratedCode('ma-07-le')).toBeNull();
    expect(normaliseSelfGeneratedCode('    ')).toBeNull();
  });

  it('pairs by a SHA-256 of the programme and the code, different per programme', () => {
    const programme = '5f8a4b8e-1d2c-4e5f-9a0b-1c2d3e4f5a6b';
    expect(codePairingKey(programme, 'MA07LE')).toBe(
      `code:${createHash('sha256').update(`${programme}:MA07LE`).digest('hex')}`,
    );
    expect(codePairingKey(programme, 'MA07LE')).toHaveLength(69);
    expect(codePairingKey('another', 'MA07LE')).not.toBe(codePairingKey(programme, 'MA07LE'));
  });

  it('with a server secret, pairs by an HMAC that cannot be recomputed from the code alone', () => {
    const programme = '5f8a4b8e-1d2c-4e5f-9a0b-1c2d3e4f5a6b';
    const secret = 'a-long-server-side-secret-of-32-characters!';
    const keyed = codePairingKey(programme, 'MA07LE', secret);
    expect(keyed).toBe(`code:${createHmac('sha256', secret).update(`${programme}:MA07LE`).digest('hex')}`);
    expect(keyed).not.toBe(codePairingKey(programme, 'MA07LE'));
    expect(codePairingKey(programme, 'MA07LE', `${secret}2`)).not.toBe(keyed);
    expect(codePairingKey(programme, 'MA07LE', secret)).toBe(keyed);
  });
});
