import * as z from 'zod';
import { roleNames } from '../../db/schema/index.js';
import type { AuthedCtx } from '../_platform/context.js';
import { defineRoute, Reply } from '../_platform/route.js';
import { Login, Registration, RoleGrant, WechatCode } from './bodies.js';
import { login } from './login.js';
import { showMe } from './me.js';
import { confirmQrTicket, createQrTicket, markQrScanned, pollQrTicket } from './qr-login.js';
import { register } from './register.js';
import { AccountList, AccountReply, Me, QrConfirmed, QrScanned, QrState, QrTicket, Session } from './replies.js';
import { findAccounts, grantableRoles, grantRole, revokeRole, verifyAccountPhone } from './roles.js';
import { revokeSession } from './sessions.js';
import { bindWechatPhone, wechatLogin } from './wechat-login.js';

const Ticket = z.object({ ticket: z.string().regex(/^[0-9a-f]{32}$/, '二维码编号无效') });

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/auth/register',
    summary: 'Register with phone, password and name',
    tag: 'auth',
    access: 'anyone',
    status: 201,
    body: Registration,
    response: Session,
    handle: ({ ctx, input }) => register({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in by username or phone and password',
    tag: 'auth',
    access: 'anyone',
    body: Login,
    response: Session,
    handle: ({ ctx, input }) => login({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/wechat',
    summary: 'Sign in inside the mini-program with a wx.login code',
    tag: 'auth',
    access: 'anyone',
    body: WechatCode,
    response: Session,
    handle: ({ ctx, input }) => wechatLogin({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/wechat/phone',
    summary: "Bind the phone number from the getPhoneNumber button's code",
    tag: 'auth',
    access: 'account',
    body: WechatCode,
    response: AccountReply,
    handle: ({ ctx, input }) => bindWechatPhone({ ctx, input: input.body }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/qr',
    summary: 'Start a web sign-in by scanning with the mini-program',
    tag: 'auth',
    access: 'anyone',
    status: 201,
    response: QrTicket,
    handle: ({ ctx, c }) => createQrTicket({ ctx, input: { userAgent: c.req.header('user-agent')?.slice(0, 300) } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/qr/:ticket',
    summary: 'Poll a QR sign-in ticket',
    tag: 'auth',
    access: 'anyone',
    params: Ticket,
    // The secret from the ticket's creation: only the browser that asked collects the session.
    query: z.object({ secret: z.string().max(100).optional() }),
    response: QrState,
    handle: ({ ctx, input }) => pollQrTicket({ ctx, input: { ...input.params, secret: input.query.secret } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/qr/:ticket/scan',
    summary: 'The mini-program opened the scan page for this ticket',
    tag: 'auth',
    access: 'account',
    params: Ticket,
    response: QrScanned,
    handle: ({ ctx, input }) => markQrScanned({ ctx, input: input.params }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/qr/:ticket/confirm',
    summary: 'Confirm a web sign-in from the mini-program',
    tag: 'auth',
    access: 'account',
    params: Ticket,
    response: QrConfirmed,
    handle: ({ ctx, input }) => confirmQrTicket({ ctx, input: input.params }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out: the token stops working at once',
    tag: 'auth',
    access: 'account',
    status: 204,
    async handle({ ctx }) {
      await revokeSession(ctx, ctx.actor.sessionId);
      return new Reply(204, null);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in account, its roles and its resident record',
    tag: 'auth',
    access: 'account',
    response: Me,
    handle: ({ ctx }: { ctx: AuthedCtx }) => showMe(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/api/accounts',
    summary: 'Find accounts of the community by username, phone or name (admin)',
    tag: 'auth',
    access: ['admin'],
    query: z
      .object({ q: z.string().trim().min(1, '请输入姓名、账号或手机号').max(40).optional(), role: z.enum(roleNames).optional() })
      .refine((v) => v.q || v.role, { message: '请输入姓名、账号或手机号', path: ['q'] }),
    response: AccountList,
    handle: ({ ctx, input }) => findAccounts({ ctx, input: input.query }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/accounts/:id/roles',
    summary: 'Grant a role in the community (admin); a group has one leader',
    tag: 'auth',
    access: ['admin'],
    status: 201,
    params: z.object({ id: z.uuid('编号无效') }),
    body: RoleGrant,
    response: AccountReply,
    handle: ({ ctx, input }) => grantRole({ ctx, input: { accountId: input.params.id, ...input.body } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/accounts/:id/phone/verify',
    summary: "Staff at the window confirm the account's phone number is the person's own",
    tag: 'auth',
    access: ['staff', 'admin'],
    params: z.object({ id: z.uuid('编号无效') }),
    response: AccountReply,
    handle: ({ ctx, input }) => verifyAccountPhone({ ctx, input: { accountId: input.params.id } }),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/accounts/:id/roles/:role',
    summary: 'Take a role back (admin)',
    tag: 'auth',
    access: ['admin'],
    params: z.object({ id: z.uuid('编号无效'), role: z.enum(grantableRoles) }),
    query: z.object({ groupId: z.uuid().optional() }),
    response: AccountReply,
    handle: ({ ctx, input }) => revokeRole({ ctx, input: { accountId: input.params.id, role: input.params.role, groupId: input.query.groupId } }),
  }),
];
