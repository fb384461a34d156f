/** A mainland mobile number: 11 digits starting 13–19. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** What the user reads when a number does not fit the pattern, on the server and in the mini-program alike. */
export const PHONE_RULE = '手机号是 11 位数字，以 13 到 19 开头，请核对。';

export const isPhone = (s: string): boolean => PHONE_PATTERN.test(s);

/** 13812341234 → 138****1234; a number already masked (or too short to mask) stays hidden. */
export const maskPhone = (phone: string): string => (phone.includes('*') ? phone : phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');
