import * as z from 'zod';
import { PHONE_PATTERN, PHONE_RULE } from '../_shared/phone.js';
import { grantableRoles } from '../_shared/roles.js';

/**
 * The bodies the auth routes take (routes.ts validates with them); the mini-program types what it
 * sends from them (`z.input<typeof Login>`), as it types replies from ./replies.ts.
 */

const Phone = z.string().trim().regex(PHONE_PATTERN, PHONE_RULE);
const Password = z.string().min(1, '请输入密码').max(128);
const Name = z.string().trim().min(1, '请输入姓名').max(20, '姓名最多20个字');

/** POST /api/auth/register */
export const Registration = z.object({ phone: Phone, password: Password, name: Name });

/** POST /api/auth/login: by username (staff, the seeded accounts) or by phone. */
export const Login = z.union([
  z.object({ username: z.string().trim().min(1, '请输入账号').max(64), password: Password }),
  z.object({ phone: Phone, password: Password }),
]);

/** POST /api/auth/wechat (a wx.login code) and /api/auth/wechat/phone (a getPhoneNumber code). */
export const WechatCode = z.object({ code: z.string().trim().min(1, '缺少微信凭证').max(256) });

/** POST /api/accounts/:id/roles */
export const RoleGrant = z.object({ role: z.enum(grantableRoles), groupId: z.uuid('请选择居民小组').optional() });
