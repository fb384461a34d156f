import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pushSignature } from '../../functions/_platform/wechat/push.js';
import { sniffPhoto } from '../../functions/service-requests/photo-image.js';
import { photoShownTo } from '../../functions/service-requests/photo-visibility.js';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('a photo’s type, read from its first bytes', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'png'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'webp'],
    ['an iPhone’s HEIC', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]), 'heic'],
    ['a HEIF with the mif1 brand', bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0]), 'heic'],
    ['AVIF (not accepted)', bytes([0, 0, 0, 0x18], 'ftypavif', [0, 0, 0, 0]), null],
    ['a GIF', bytes('GIF89a'), null],
    ['a PDF named photo.jpg', bytes('%PDF-1.7'), null],
    ['SVG (script inside an image)', bytes('<svg xmlns="http://www.w3.org/2000/svg">'), null],
    ['two bytes of a JPEG', bytes([0xff, 0xd8]), null],
    ['nothing', bytes([]), null],
  ] as const)('%s → %s', (_label, input, kind) => {
    expect(sniffPhoto(input)).toBe(kind);
  });
});

describe('who sees a photo of a request they may see', () => {
  const uploader = 'a-uploader';
  it.each([
    ['pass', 'someone else', false, 'show'],
    ['pass', 'the uploader', false, 'show'],
    ['pending', 'the uploader', false, 'show'],
    ['pending', 'staff', true, 'show'],
    ['pending', 'the leader who filed it', false, 'omit'],
    ['risky', 'the uploader', false, 'hidden'],
    ['risky', 'staff', true, 'hidden'],
  ] as const)('%s, seen by %s → %s', (checkStatus, who, staff, shown) => {
    const accountId = who === 'the uploader' ? uploader : 'b-other';
    expect(photoShownTo({ accountId, staff }, { uploaderAccountId: uploader, checkStatus })).toBe(shown);
  });
});

describe("WeChat's push signature", () => {
  it('is sha1 of token, timestamp and nonce sorted and joined, as WeChat documents it', () => {
    // sorted: 1700000000, nonce, token
    expect(pushSignature('token', '1700000000', 'nonce')).toBe(createHash('sha1').update('1700000000noncetoken').digest('hex'));
    expect(pushSignature('token', '1700000000', 'other')).not.toBe(pushSignature('token', '1700000000', 'nonce'));
  });
});
