import { describe, expect, it } from 'vitest';
import { proxyApplicationStatuses } from '../../db/schema/index.js';
import { approvalChecks, beforeElectionDay, canConsent, canDecide, canWithdraw, firstFailure, type ProxyFacts } from '../../functions/proxy-votes/rules.js';

const facts = (over: Partial<ProxyFacts> = {}): ProxyFacts => ({
  now: new Date('2027-03-10T02:00:00Z'),
  electionDay: '2027-03-20',
  rules: { maxProxiesPerVoter: 3, proxyMayBeCandidate: false, proxyApplyDaysBefore: 1 },
  applicantResidentId: 'a',
  proxyResidentId: 'b',
  applicantIsVoter: true,
  applicantOfficialRole: null,
  proxyIsVoter: true,
  proxyIsCandidate: false,
  proxyHasEntrusted: false,
  proxyApprovedCount: 0,
  ...over,
});

describe('approval checks', () => {
  it('all pass for two registered voters before election day', () => {
    expect(firstFailure(approvalChecks(facts()))).toBeNull();
  });

  it.each([
    ['the same person on both sides', { proxyResidentId: 'a' }, 'SELF_PROXY'],
    ['an applicant off the voter list', { applicantIsVoter: false }, 'APPLICANT_NOT_VOTER'],
    ['an applicant appointed clerk', { applicantOfficialRole: 'clerk' }, 'APPLICANT_IS_OFFICIAL'],
    ['a proxy off the voter list', { proxyIsVoter: false }, 'PROXY_NOT_VOTER'],
    ['election day come (00:00 China time)', { now: new Date('2027-03-19T16:00:00Z') }, 'PROXY_DEADLINE_PASSED'],
    ['a candidate as proxy', { proxyIsCandidate: true }, 'PROXY_IS_CANDIDATE'],
    ['a proxy who entrusts their own vote', { proxyHasEntrusted: true }, 'PROXY_HAS_ENTRUSTED'],
    ['a proxy already holding the maximum', { proxyApprovedCount: 3 }, 'PROXY_LIMIT_REACHED'],
  ] as const)('refuse %s', (_, over, code) => {
    const failed = firstFailure(approvalChecks(facts(over)));
    expect(failed?.code).toBe(code);
    expect(failed?.detail).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('let a proxy hold one less than the maximum, and a candidate when the rules allow it', () => {
    expect(firstFailure(approvalChecks(facts({ proxyApprovedCount: 2 })))).toBeNull();
    expect(
      firstFailure(approvalChecks(facts({ proxyIsCandidate: true, rules: { maxProxiesPerVoter: 3, proxyMayBeCandidate: true, proxyApplyDaysBefore: 1 } }))),
    ).toBeNull();
  });

  it('name the official’s post in the refusal', () => {
    expect(firstFailure(approvalChecks(facts({ applicantOfficialRole: 'clerk' })))?.detail).toBe(
      '委托人已被推选为本次选举的发票员，选举当天要在投票站工作，可以自己投票，不能再请别人替投。如确实不能到场，请选举委员会先另选发票员。',
    );
  });

  it('check near kinship only where the rulebook limits entrustment to near relatives', () => {
    const relativesOnly = { maxProxiesPerVoter: 3, proxyMayBeCandidate: false, proxyApplyDaysBefore: 1, proxyRelativesOnly: true };
    expect(approvalChecks(facts()).map((c) => c.rule)).not.toContain('proxyRelative');
    const kin = approvalChecks(facts({ rules: relativesOnly, proxyIsNearRelative: true })).find((c) => c.rule === 'proxyRelative');
    expect(kin).toEqual({ rule: 'proxyRelative', ok: true, code: 'PROXY_NOT_RELATIVE', label: '受托人是委托人的近亲属' });
    const stranger = firstFailure(approvalChecks(facts({ rules: relativesOnly, proxyIsNearRelative: false })));
    expect(stranger).toMatchObject({ rule: 'proxyRelative', code: 'PROXY_NOT_RELATIVE', label: '受托人是委托人的近亲属' });
    expect(stranger?.detail).toContain('只能委托近亲属');
  });

  it('approve up to the last millisecond before 00:00 China time on election day', () => {
    expect(beforeElectionDay(new Date('2027-03-19T15:59:59.999Z'), '2027-03-20')).toBe(true);
    expect(beforeElectionDay(new Date('2027-03-19T16:00:00.000Z'), '2027-03-20')).toBe(false);
  });
});

describe('moves by status', () => {
  it.each(proxyApplicationStatuses)('%s', (status) => {
    expect(canConsent(status)).toBe(status === 'awaiting_consent');
    expect(canDecide(status)).toBe(status === 'awaiting_approval');
    expect(canWithdraw(status)).toBe(['awaiting_consent', 'awaiting_approval', 'approved'].includes(status));
  });
});
