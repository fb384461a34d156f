import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anchorWords } from '../../functions/audit/anchors.js';
import { entryHash } from '../../functions/audit/chain.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const entry = {
  seq: 7,
  at: new Date('2027-05-16T01:02:03.004Z'),
  actorAccountId: null,
  actorName: '系统',
  action: 'ballot.issued',
  subject: 'election:e1',
  electionId: null,
  payload: { list: [1, 'b', { y: null, x: [true] }], a: { c: 2, b: 1 } },
  prevHash: 'f'.repeat(64),
};

/*
 * The chain outlives every build: an entry written years ago must verify with today's code. So the
 * hashed form is a fixed format, written out here in full, not whatever the code happens to do.
 */
describe('the hash of an audit entry', () => {
  it('is sha256 of its fields joined by U+001F, the payload as JSON with sorted keys at every depth', () => {
    const fields = [
      'f'.repeat(64),
      '7',
      '2027-05-16T01:02:03.004Z',
      '', // no account: an act of 系统
      '系统',
      'ballot.issued',
      'election:e1',
      '', // no election
      '{"a":{"b":1,"c":2},"list":[1,"b",{"x":[true],"y":null}]}',
    ];
    expect(entryHash(entry)).toBe(sha256(fields.join('\u001f')));
  });

  it('takes the acting account and the election as they are, and an empty payload as {}', () => {
    const account = '0b6c2b1e-0000-4000-8000-000000000001';
    const election = '0b6c2b1e-0000-4000-8000-000000000002';
    const fields = ['f'.repeat(64), '7', '2027-05-16T01:02:03.004Z', account, '系统', 'ballot.issued', 'election:e1', election, '{}'];
    expect(entryHash({ ...entry, actorAccountId: account, electionId: election, payload: {} })).toBe(sha256(fields.join('\u001f')));
  });

  it('is the same for the same payload written in another key order', () => {
    expect(entryHash({ ...entry, payload: { a: { b: 1, c: 2 }, list: [1, 'b', { x: [true], y: null }] } })).toBe(entryHash(entry));
    expect(entryHash({ ...entry, payload: { list: [1, 'b'] } })).not.toBe(entryHash({ ...entry, payload: { list: ['b', 1] } }));
  });
});

describe('the words naming a printed sheet (the command-line report)', () => {
  const at = new Date('2026-12-07T02:30:00Z');
  it('says when, in China time, and how it went out', () => {
    expect(anchorWords({ what: 'notice', label: '八珠街社区选民名单公告', at })).toBe('八珠街社区选民名单公告，2026-12-07 10:30 公布');
    expect(anchorWords({ what: 'results_poster', label: '选举结果公告', at })).toBe('选举结果公告，2026-12-07 10:30 公布');
    expect(anchorWords({ what: 'certificate', label: '当选证书 马秀英', at })).toBe('当选证书 马秀英，2026-12-07 10:30 颁发');
  });
  it('says 打印 of any other sheet', () => {
    expect(anchorWords({ what: 'voter_card', label: '选民证', at })).toBe('选民证，2026-12-07 10:30 打印');
  });
});
