/**
 * Stable error codes of the API. The mini-program maps each to Chinese in its locale file; the
 * server's `detail` is a Chinese sentence too, for outside callers.
 */
export const errorCodes = {
  /** The body, query or path failed validation; `errors` lists the fields. */
  VALIDATION_FAILED: 400,
  /** Phone already belongs to an account (register, bind phone). */
  PHONE_TAKEN: 409,
  /** Password does not meet the rules (length, letters and digits). */
  WEAK_PASSWORD: 400,
  /** ID number has a bad length, region, birth date or checksum. */
  ID_NUMBER_INVALID: 400,
  /** No token, an expired one, or a revoked one. */
  UNAUTHENTICATED: 401,
  /** Wrong username/phone or password. */
  INVALID_CREDENTIALS: 401,
  /** wx.login code unknown, used or expired. */
  WECHAT_CODE_INVALID: 401,
  /** getPhoneNumber code unknown, used or expired. */
  PHONE_CODE_INVALID: 400,
  /** QR sign-in ticket has expired or was already used. */
  QR_TICKET_EXPIRED: 409,
  /** The role may not call this route at all. */
  FORBIDDEN: 403,
  /** Only the group's own leader (or the committee) may nominate for a group. */
  NOT_GROUP_LEADER: 403,
  /** No such record, or one the caller may not see (another account's or community's). */
  NOT_FOUND: 404,
  /** The state of a record does not allow the change. */
  CONFLICT: 409,
  /** A service request status change not allowed from its current status. */
  INVALID_TRANSITION: 409,
  /** The account already has a resident record (pending or verified) in this community. */
  ALREADY_CLAIMED: 409,
  /** The same ID number is already registered in this community. */
  ID_NUMBER_TAKEN: 409,
  /** Elections: the resident is under the election's minimum voter age on election day. */
  VOTER_UNDERAGE: 422,
  /** Elections: only residents verified by staff can be registered as voters. */
  RESIDENT_NOT_VERIFIED: 422,
  /** Elections: the resident is already on this election's voter list. */
  ALREADY_REGISTERED: 409,
  /**
   * Elections: the same ID number is registered for this term in another community's election
   * (《甘肃省居民委员会选举办法》第十六条); the detail names no community.
   */
  ALREADY_REGISTERED_ELSEWHERE: 409,
  /**
   * Voter list: an objection before the voter list's notice, or after `objectionDays` from its
   * publication; a voter application after that window.
   */
  OBJECTION_WINDOW_CLOSED: 422,
  /** Voter list: the resident already has an application to take part (表示参加) awaiting decision. */
  ALREADY_APPLIED: 409,
  /** Elections: the group already has `repsPerGroup` live nominations. */
  GROUP_QUOTA_REACHED: 409,
  /** Representatives: where representatives elect the committee, the group meeting that elected one must be recorded. */
  MEETING_RECORD_NEEDED: 422,
  /** Representatives: the group meeting's votes for the nominee were not more than half of those present. */
  REPRESENTATIVE_NOT_ELECTED: 422,
  /** Elections: a nominee must be a registered voter. */
  NOMINEE_NOT_VOTER: 422,
  /** Elections: the resident is already nominated in this election. */
  ALREADY_NOMINATED: 409,
  /** Proxy votes: a voter cannot entrust themselves. */
  SELF_PROXY: 422,
  /** Proxy votes: the applicant is not a registered voter of the election. */
  APPLICANT_NOT_VOTER: 422,
  /** Proxy votes: the chosen proxy is not a registered voter of the election. */
  PROXY_NOT_VOTER: 422,
  /**
   * Proxy votes: applications closed (`proxyApplyDaysBefore`, China time), or election day has
   * come, after which an entrustment can no longer be approved or withdrawn; also an election that is over.
   */
  PROXY_DEADLINE_PASSED: 422,
  /** Proxy votes: the applicant already has a live application. */
  DUPLICATE_APPLICATION: 409,
  /** Proxy votes: the proxy already holds `maxProxiesPerVoter` approved entrustments. */
  PROXY_LIMIT_REACHED: 409,
  /** Proxy votes: the proxy is a candidate of the election and the rules (`proxyMayBeCandidate`) forbid it. */
  PROXY_IS_CANDIDATE: 422,
  /** Proxy votes: the proxy has entrusted their own vote to someone, so cannot vote for others. */
  PROXY_HAS_ENTRUSTED: 422,
  /** Proxy votes: the applicant holds entrustments of others, who would be left without a vote. */
  APPLICANT_IS_PROXY: 422,
  /** Proxy votes: publishing the approved list while nothing is approved. */
  PROXY_LIST_EMPTY: 422,
  /**
   * Candidate nominations: nominating, co-signing or answering outside the window — before the voter
   * list's notice is published, or from 00:00 China time `nominationClosesDaysBefore` days before
   * election day. `detail` names the dates.
   */
  NOMINATION_WINDOW_CLOSED: 422,
  /** Candidate nominations: the voter already nominated (or co-signed for) this nominee. */
  ALREADY_NOMINATED_BY_YOU: 409,
  /** Candidate nominations: the voter has put their name to as many nominees of the seat as it has places. */
  NOMINATION_LIMIT_REACHED: 409,
  /** Candidate nominations: the committee fixes the candidates only once nominations have closed. */
  NOMINATIONS_STILL_OPEN: 409,
  /** Candidate nominations: the rulebook (`preliminaryAbove`) sends the nominees (or a tie at the cut-off) to a preliminary vote (预选). */
  PRELIMINARY_VOTE_NEEDED: 409,
  /** Candidate nominations: the committee types a candidate in for a seat the voters have nominated for. */
  SEAT_HAS_NOMINATIONS: 409,
  /** Election day: the candidate list published later than `candidateNoticeDays` before election day (China time). */
  CANDIDATES_TOO_LATE: 422,
  /** Election day: a candidate must be a registered voter. */
  CANDIDATE_NOT_VOTER: 422,
  /** Election day: the resident is already a candidate in this election. */
  ALREADY_CANDIDATE: 409,
  /** Election day: fewer candidates than seats plus `candidateSurplus`. */
  TOO_FEW_CANDIDATES: 422,
  /** Election day: a candidate holds approved entrustments and the rules (`proxyMayBeCandidate`) forbid it. */
  CANDIDATE_HOLDS_PROXIES: 422,
  /** Election day: ballots are handed out on election day only (China time). */
  NOT_ELECTION_DAY: 409,
  /** Election day: a candidate cannot serve as counter, monitor or clerk. */
  OFFICIAL_IS_CANDIDATE: 422,
  /** Election day: an official would be a candidate's near relative (《民法典》第一千零四十五条), appointed or added either way round. */
  OFFICIAL_IS_RELATIVE: 422,
  /** Election lifecycle: a step taken before the one the law puts first (the ballot desk before the voter list notice or the candidate list); `detail` names the missing step. */
  STEP_NOT_DONE: 409,
  /** Election day: an official's own vote is entrusted to a proxy (approved): she said she cannot come on the day. */
  OFFICIAL_HAS_ENTRUSTED: 422,
  /** Proxy votes: the applicant is an official of the day (计票员, 监票员, 发票员) and will be at the polling station; the other side of OFFICIAL_HAS_ENTRUSTED. */
  APPLICANT_IS_OFFICIAL: 422,
  /** Election day: the candidate list names no woman and the rulebook (`womanMember`) wants a woman member. */
  NO_WOMAN_CANDIDATE: 422,
  /** Proxy votes: the rulebook (`proxyRelativesOnly`) limits entrustment to near relatives and the proxy is none. */
  PROXY_NOT_RELATIVE: 422,
  /** Residents: a relation declared between a resident and themself. */
  RELATION_TO_SELF: 422,
  /** Residents: the pair's relation is already recorded (either way round). */
  RELATION_ALREADY_RECORDED: 409,
  /** Election day: this voter's ballot was already handed out. */
  ALREADY_ISSUED: 409,
  /** Election day: the person is not on the voter list. */
  NOT_A_VOTER: 422,
  /** Election day: no approved entrustment from that voter to this proxy. */
  PROXY_NOT_APPROVED: 422,
  /**
   * Elections: a step already taken has fixed this part of the election (API.md, Locks): the voter
   * list after its notice (then only by a recorded decision) and from the first ballot; seats, rules
   * and candidates from the candidate list's publication; the election day and officials from the
   * first ballot; everything once the results are published. `detail` says what and since when.
   */
  ELECTION_LOCKED: 409,
  /** Elections: a rule the law fixes (the voting age) was set to another value. */
  RULE_FIXED_BY_LAW: 422,
  /** Elections: the rules depart from the law's defaults and no basis was recorded. */
  BASIS_REQUIRED: 422,
  /** Election day: a new round is asked for while the last one is still being counted or its write-ins matched. */
  ROUND_NOT_CLOSED: 409,
  /** Election day: the round asked for has nothing to decide (no seat left, no tie, the last round was valid). */
  ROUND_NOT_NEEDED: 422,
  /** Election day: the second tally entry differs from the first. */
  TALLY_MISMATCH: 409,
  /** Election day: the tally breaks a plausibility rule (more ballots than issued, …). */
  TALLY_IMPLAUSIBLE: 422,
  /** Body larger than 64 KB. */
  PAYLOAD_TOO_LARGE: 413,
  /** Request body is not JSON or not an object. */
  MALFORMED_JSON: 400,
  /** Content check said the text is risky. */
  CONTENT_REJECTED: 422,
  /** Too many failed logins for this username or phone: locked for a while. */
  ACCOUNT_LOCKED: 429,
  /** Too many requests from one source address. */
  RATE_LIMITED: 429,
  /** A `voter_list` notice would publish later than `voterListNoticeDays` before election day. */
  NOTICE_TOO_LATE: 422,
  /** The WeChat server API failed or could not be reached. */
  WECHAT_UNAVAILABLE: 502,
  /** The database cannot be reached right now (down, restarting, frozen): try again after Retry-After. */
  DATABASE_UNAVAILABLE: 503,
  /** The same Idempotency-Key was sent again with a different request body. */
  IDEMPOTENCY_KEY_REUSED: 422,
  /** Party branch: only full members not under 留党察看 vote or stand (《中国共产党基层组织选举工作条例》第五条); `detail` says why this member does not. */
  NOT_A_FULL_MEMBER: 422,
  /** Party branch: ballots asked for before more than four fifths of the members entitled to attend are recorded present. */
  NO_QUORUM: 409,
  /** Party branch: the committee's meeting names someone the members' meeting did not elect to the committee (candidate, division of work). */
  NOT_ON_COMMITTEE: 422,
  /** Photos: the file is larger than ATTACHMENT_MAX_BYTES (10 MB unless set). */
  ATTACHMENT_TOO_LARGE: 413,
  /** Photos: the file is not a JPEG, PNG, WebP or HEIC image (read from its bytes, not its name). */
  ATTACHMENT_TYPE: 415,
  /** Photos: the file says it is an image of an accepted type but cannot be read (damaged, cut short, too many pixels). */
  ATTACHMENT_UNREADABLE: 422,
  /** WeChat's message push: the signature is not the push Token's, or the message is too old to be WeChat's. */
  PUSH_SIGNATURE_INVALID: 400,
  /** Calling a resident: neither the resident nor their account has a phone number on record. */
  NO_PHONE_ON_RECORD: 422,
  /** Consultations: answered or changed before it opens or after it closes. */
  CONSULTATION_CLOSED: 422,
  /** Consultations: the resident is not among those the consultation asks (groups, voters, households), or not verified. */
  NOT_IN_AUDIENCE: 404,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldProblem {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { errors?: FieldProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(`${code}: ${detail}`);
    this.status = errorCodes[code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `没有找到该${what}，可能已被删除或您无权查看。`);
export const forbidden = () => new AppError('FORBIDDEN', '您的账号没有办理此项业务的权限。');
export const unauthenticated = () => new AppError('UNAUTHENTICATED', '请先登录。');
/** Seconds a client should wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_S = 5;
export const databaseUnavailable = () =>
  new AppError('DATABASE_UNAVAILABLE', '系统暂时连不上数据库，请稍等片刻再试。', {
    headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_S) },
  });

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: FieldProblem[];
}

export function toProblem(error: AppError, requestId: string): Problem {
  return {
    type: `https://bazhujie.example/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[error.status] ?? 'Error',
    status: error.status,
    detail: error.detail,
    code: error.code,
    requestId,
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
  };
}
