/** A mainland mobile number: 11 digits starting 13–19. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export const isPhone = (s: string): boolean => PHONE_PATTERN.test(s);

/** 13812341234 → 138****1234; a number already masked (or too short to mask) stays hidden. */
export const maskPhone = (phone: string): string => (phone.includes('*') ? phone : phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');
