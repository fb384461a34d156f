import type { OfficialRole, ProxyApplicationStatus } from '../../db/schema/index.js';
import { AppError, type ErrorCode } from '../_platform/errors.js';
import { chinaMidnight } from '../_shared/china-time.js';
import { officialRoleNames } from '../_shared/election-labels.js';
import type { ElectionRules } from '../elections/rules.js';

/**
 * The entrustment must be approved before election day (common provincial practice): approval and
 * withdrawal close at 00:00 China time on election day, applications earlier (`proxyApplyDaysBefore`).
 */
export const beforeElectionDay = (now: Date, electionDay: string) => now.getTime() < chinaMidnight(electionDay).getTime();

/** Which moves each status allows. Declined, rejected and withdrawn applications are closed for good. */
export const canConsent = (status: ProxyApplicationStatus) => status === 'awaiting_consent';
export const canDecide = (status: ProxyApplicationStatus) => status === 'awaiting_approval';
export const canWithdraw = (status: ProxyApplicationStatus) => status === 'awaiting_consent' || status === 'awaiting_approval' || status === 'approved';

/** Refuses a move the application's status does not allow; closed applications say why. */
export function wrongStatus(status: ProxyApplicationStatus): AppError {
  const why: Record<ProxyApplicationStatus, string> = {
    awaiting_consent: '这份委托还在等受托人确认。',
    awaiting_approval: '受托人已经确认，这份委托正在等选举委员会审批。',
    approved: '这份委托已经批准。',
    rejected: '这份委托已被选举委员会驳回。',
    declined: '受托人已经拒绝了这份委托。',
    withdrawn: '这份委托已经撤回。',
  };
  return new AppError('CONFLICT', `${why[status]}不能再办理这一步。`);
}

/** What is known about an application at the moment a rule is checked. */
export interface ProxyFacts {
  now: Date;
  electionDay: string;
  rules: Pick<ElectionRules, 'maxProxiesPerVoter' | 'proxyMayBeCandidate' | 'proxyApplyDaysBefore'> & Partial<Pick<ElectionRules, 'proxyRelativesOnly'>>;
  applicantResidentId: string;
  proxyResidentId: string;
  applicantIsVoter: boolean;
  /** The applicant is an official of the day (计票员, 监票员, 发票员): she works at the polling station. */
  applicantOfficialRole: OfficialRole | null;
  proxyIsVoter: boolean;
  proxyIsCandidate: boolean;
  /** The proxy has a live application of their own: they will not be at the polls to vote for others. */
  proxyHasEntrusted: boolean;
  /** Approved entrustments the proxy already holds, this application not counted. */
  proxyApprovedCount: number;
  /** The proxy is the applicant's near relative (《民法典》第一千零四十五条); read only where `proxyRelativesOnly` asks. */
  proxyIsNearRelative?: boolean;
}

export type ProxyRule =
  | 'selfProxy'
  | 'applicantVoter'
  | 'applicantNotOfficial'
  | 'proxyVoter'
  | 'beforeElectionDay'
  | 'proxyNotCandidate'
  | 'proxyNotEntrusting'
  | 'proxyLimit'
  | 'proxyRelative';

export interface RuleCheck {
  rule: ProxyRule;
  ok: boolean;
  /** The refusal a failed check answers with. */
  code: ErrorCode;
  /** What the check means, for the committee's queue. */
  label: string;
  /** Why it failed, in words the applicant or the committee can act on. */
  detail?: string;
}

/**
 * Every rule an approval must pass, evaluated at once so the committee's queue can show each
 * one beside the application; the decision refuses with the first that fails.
 */
export function approvalChecks(f: ProxyFacts): RuleCheck[] {
  const max = f.rules.maxProxiesPerVoter;
  const post = f.applicantOfficialRole ? officialRoleNames[f.applicantOfficialRole] : '';
  const check = (rule: ProxyRule, ok: boolean, code: ErrorCode, label: string, detail: string): RuleCheck =>
    ok ? { rule, ok, code, label } : { rule, ok, code, label, detail };
  return [
    check('selfProxy', f.applicantResidentId !== f.proxyResidentId, 'SELF_PROXY', '委托人和受托人不是同一人', '不能委托自己投票，请选择另一位选民。'),
    check('applicantVoter', f.applicantIsVoter, 'APPLICANT_NOT_VOTER', '委托人在选民名单上', '委托人不在本次选举的选民名单上，不能委托投票。'),
    // 建社方案④: 委托投票 is for voters 因故无法亲自投票, and 计票、监票及工作人员 are approved at the
    // election meeting (举手表决) and work there, so an official votes herself. The national and Gansu texts on
    // entrustment could not be read here (docs/ELECTION-RULES.md). The other side: election-day/officials.ts
    // refuses to appoint one whose entrustment is approved.
    check(
      'applicantNotOfficial',
      f.applicantOfficialRole === null,
      'APPLICANT_IS_OFFICIAL',
      '委托人不是选举工作人员',
      `委托人已被推选为本次选举的${post}，选举当天要在投票站工作，可以自己投票，不能再请别人替投。如确实不能到场，请选举委员会先另选${post}。`,
    ),
    check('proxyVoter', f.proxyIsVoter, 'PROXY_NOT_VOTER', '受托人在选民名单上', '受托人不在本次选举的选民名单上，只能委托本社区已登记的选民。'),
    check(
      'beforeElectionDay',
      beforeElectionDay(f.now, f.electionDay),
      'PROXY_DEADLINE_PASSED',
      `选举日（${f.electionDay}）之前批准`,
      `选举日（${f.electionDay}）已到，委托投票不能再批准或撤回。`,
    ),
    check(
      'proxyNotCandidate',
      f.rules.proxyMayBeCandidate || !f.proxyIsCandidate,
      'PROXY_IS_CANDIDATE',
      '受托人不是候选人',
      '受托人是本次选举的候选人，按规定候选人不能接受委托，请另选一位选民。',
    ),
    check(
      'proxyNotEntrusting',
      !f.proxyHasEntrusted,
      'PROXY_HAS_ENTRUSTED',
      '受托人自己没有委托别人',
      '受托人自己已委托别人投票，当天不能到场代投，请另选一位选民。',
    ),
    check(
      'proxyLimit',
      f.proxyApprovedCount < max,
      'PROXY_LIMIT_REACHED',
      `受托人接受的委托不超过${max}份（已批准${f.proxyApprovedCount}份）`,
      `受托人已接受${f.proxyApprovedCount}份委托，每位选民最多接受${max}份，请另选一位选民。`,
    ),
    // Only where the rulebook limits entrustment to near relatives (proxyRelativesOnly); otherwise no check at all.
    ...(f.rules.proxyRelativesOnly
      ? [
          check(
            'proxyRelative',
            f.proxyIsNearRelative === true,
            'PROXY_NOT_RELATIVE',
            '受托人是委托人的近亲属',
            '按本次选举的规则，只能委托近亲属（配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女）投票。受托人和您的亲属关系没有登记，请另选近亲属，或请社区先登记亲属关系。',
          ),
        ]
      : []),
  ];
}

/** The first failed check, or null when every rule passes. */
export const firstFailure = (checks: RuleCheck[]) => checks.find((c) => !c.ok) ?? null;
